import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '@telesales/telephony/simulated/index';
import { DEMO_PASSWORDS, startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';

/** Demo customers of the insurance template (demo/customers.json): owner and stored phone. */
export const MA_FANG = { id: '883415ea-61df-4ed9-9a3b-98a4de3c1028', owner: 'agent1', phone: '13881836553' };
export const ENTRY_NUMBER = '+862160000000';

/** Monday 2026-05-04, 10:00 in Shanghai: the template's hotline is open. */
export const OPEN_HOURS = Date.parse('2026-05-04T02:00:00.000Z');

export interface CallsFixture {
  rt: RuntimeFixture;
  clock: ManualClock;
  /** Moves simulated time, letting every call's work finish between timers. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCallsRuntime(startMs = OPEN_HOURS): Promise<CallsFixture> {
  const rt = await startRuntime();
  const clock = new ManualClock(startMs);
  rt.app.calls.useClock(clock);
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    rt, clock,
    advance: (ms) => clock.advance(ms, () => rt.app.calls.settled()),
    close: () => rt.close(),
  };
}

/** Digit runs of a number that must never reach a masked reader: every 6-digit window of its national digits. */
export function numberWindows(national: string, size = 6): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= national.length; i++) out.push(national.slice(i, i + size));
  return out;
}

export function expectNoNumber(raw: string, national: string): void {
  const found = numberWindows(national).filter((w) => raw.includes(w));
  if (found.length) throw new Error(`the text holds digits of the number (${found.join(', ')})`);
}

export interface SseFrame {
  event: string;
  data: any;
}

/** An agent's event stream over real HTTP, with everything received kept as raw text. */
export interface EventStream {
  raw(): string;
  frames(): SseFrame[];
  /** Frames of one event name so far. */
  of(event: string): any[];
  close(): void;
}

/** Signs in (own session cookie) and opens GET /api/calls/events. */
export async function openEvents(rt: RuntimeFixture, login: string): Promise<EventStream> {
  const res = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: DEMO_PASSWORDS[login] } });
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const { port } = rt.app.server.address() as AddressInfo;
  let text = '';
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/calls/events', headers: { cookie, accept: 'text/event-stream' } }, resolve);
    req.on('error', reject);
    req.end();
  });
  if (response.statusCode !== 200) throw new Error(`events: ${response.statusCode}`);
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => { text += chunk; });
  response.on('error', () => undefined);
  // The first state frame tells the stream is registered.
  for (let i = 0; i < 100 && !text.includes('event: state'); i++) await new Promise((r) => setTimeout(r, 10));
  const frames = () => text.split('\n\n').flatMap((block) => {
    const event = /^event: (.+)$/m.exec(block)?.[1];
    const data = /^data: (.+)$/m.exec(block)?.[1];
    return event && data ? [{ event, data: JSON.parse(data) }] : [];
  });
  return {
    raw: () => text,
    frames,
    of: (event) => frames().filter((f) => f.event === event).map((f) => f.data),
    close: () => response.destroy(),
  };
}

/** Lets bytes already written to a stream arrive (the socket is real). */
export const flush = () => new Promise((r) => setTimeout(r, 30));
