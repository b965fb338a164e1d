import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WallboardJson } from '@telesales/schemas';
import { DEMO_PASSWORDS, type RuntimeFixture } from '../support/runtime-fixture.js';

/** A viewer's wallboard stream (GET /api/monitoring/wallboard/events) over real HTTP. */
export interface WallboardStream {
  /** Every `wallboard` frame so far, with when it arrived (ms, this process's clock). */
  boards(): { at: number; board: WallboardJson }[];
  /** Resolves with the first frame (arriving from now on, or already here when `since` is earlier) that satisfies `test`. */
  until(test: (board: WallboardJson) => boolean, timeoutMs?: number, since?: number): Promise<{ at: number; board: WallboardJson }>;
  close(): void;
}

/** Signs in and opens the wallboard stream against `base` (one runtime, or another process of a cluster). */
export async function openWallboard(target: RuntimeFixture | { port: number; cookie: string }, login?: string): Promise<WallboardStream> {
  let port: number;
  let cookie: string;
  if ('app' in target) {
    const res = await target.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: DEMO_PASSWORDS[login!] } });
    if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.body}`);
    cookie = String(res.headers['set-cookie']).split(';')[0]!;
    port = (target.app.server.address() as AddressInfo).port;
  } else {
    ({ port, cookie } = target);
  }
  let text = '';
  const frames: { at: number; board: WallboardJson }[] = [];
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/monitoring/wallboard/events', headers: { cookie, accept: 'text/event-stream' } }, resolve);
    req.on('error', reject);
    req.end();
  });
  if (response.statusCode !== 200) throw new Error(`wallboard events: ${response.statusCode}`);
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    text += chunk;
    const blocks = text.split('\n\n');
    text = blocks.pop()!;
    for (const block of blocks) {
      const data = /^event: wallboard\ndata: (.+)$/m.exec(block)?.[1];
      if (data) frames.push({ at: Date.now(), board: JSON.parse(data) });
    }
  });
  response.on('error', () => undefined);
  const until = async (test: (b: WallboardJson) => boolean, timeoutMs = 5000, since = Date.now()) => {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const hit = frames.find((f) => f.at >= since && test(f.board));
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no wallboard frame matched within ${timeoutMs} ms; last: ${JSON.stringify(frames.at(-1)?.board)}`);
  };
  await until(() => true, 5000, 0);
  return { boards: () => frames, until, close: () => response.destroy() };
}
