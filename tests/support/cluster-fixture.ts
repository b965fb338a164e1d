import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORDS } from './runtime-fixture.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ClusterRuntime {
  name: string;
  url: string;
  /** Its process id (for a test that kills it; never judge liveness by it: nothing may reap it here). */
  pid: number;
}

export interface Cluster {
  /** HAProxy's address, in front of every runtime. */
  baseUrl: string;
  runtimes: ClusterRuntime[];
  /** The database every runtime shares. */
  mongoUri: string;
  /** Everything the cluster printed so far (for a failing test's message). */
  output(): string;
  close(): Promise<void>;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A run of `count` free ports on the loopback (the cluster puts the runtimes right after the balancer). */
async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error('no free ports');
}

/**
 * `npm run cluster` as a user starts it (runtime/scripts/cluster.mjs, after a build): the standalone embedded
 * database, `size` runtime processes and HAProxy, on free loopback ports and a data directory of its own.
 */
export async function startCluster(size = 2, env: Record<string, string> = {}): Promise<Cluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'telesales-cluster-'));
  const port = await freePorts(size + 1);
  const dbPort = await freePorts(1);
  let text = '';
  const child: ChildProcess = spawn(process.execPath, [join(root, 'runtime/scripts/cluster.mjs')], {
    cwd: root,
    env: {
      ...process.env, CLUSTER_SIZE: String(size), PORT: String(port), CLUSTER_DB_PORT: String(dbPort), HOST: '127.0.0.1',
      DATA_DIR: dataDir, TELEPHONY: 'simulated', LOG_LEVEL: 'warn', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  while (!/^login: /m.test(text)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`the cluster did not start:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const mongoUri = /database (mongodb:\/\/\S+)/.exec(text)![1]!;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    runtimes: Array.from({ length: size }, (_, i) => ({
      name: `rt${i + 1}`, url: `http://127.0.0.1:${port + i + 1}`, pid: Number(new RegExp(`rt${i + 1} :\\d+ pid (\\d+)`).exec(text)?.[1]),
    })),
    mongoUri,
    output: () => text,
    close,
  };
}

/** A signed-in person over real HTTP: the session cookie works on every runtime (sessions live in the database). */
export interface HttpUser {
  cookie: string;
  csrfToken: string;
  userId: string;
  call<T = any>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function signIn(base: string, login: string, password = DEMO_PASSWORDS[login]): Promise<HttpUser> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
  });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return {
    cookie, csrfToken: body.csrfToken, userId: body.user.id,
    async call(target, method, path, payload) {
      const r = await fetch(`${target}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': body.csrfToken, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      });
      const t = await r.text();
      return { status: r.status, body: (t ? JSON.parse(t) : undefined) as any };
    },
  };
}

export interface TimedFrame {
  event: string;
  data: any;
  /** When it arrived here (Date.now()). */
  at: number;
}

/** A console's event stream on one address, each frame kept with its arrival time. */
export async function listen(base: string, user: HttpUser): Promise<{
  frames: TimedFrame[]; next(event: string, where: (data: any) => boolean, ms?: number): Promise<TimedFrame>; close(): void;
  /** Resolves when the server's side of the stream is gone (its process stopped or died). */
  ended: Promise<void>;
}> {
  const url = new URL('/api/calls/events', base);
  const frames: TimedFrame[] = [];
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers: { cookie: user.cookie, accept: 'text/event-stream' } }, resolve);
    req.on('error', reject);
    req.end();
  });
  if (response.statusCode !== 200) throw new Error(`events: ${response.statusCode}`);
  let buffer = '';
  const ended = new Promise<void>((resolve) => { response.once('close', resolve); response.once('end', resolve); });
  response.setEncoding('utf8');
  response.on('error', () => undefined);
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) frames.push({ event, data: JSON.parse(data), at: Date.now() });
    }
  });
  const next = async (event: string, where: (data: any) => boolean, ms = 60_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = frames.find((f) => f.event === event && where(f.data));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no "${event}" frame in ${ms} ms; got ${frames.map((f) => f.event).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await next('state', () => true, 10_000);
  return { frames, next, close: () => response.destroy(), ended };
}

/** The next weekday at 10:00 in Shanghai: the template's hotline is open then (simulate-inbound's `at`). */
export function openHoursAt(): string {
  const target = new Date();
  target.setUTCHours(2, 0, 0, 0);
  if (target.getTime() <= Date.now()) target.setUTCDate(target.getUTCDate() + 1);
  while ([0, 6].includes(target.getUTCDay())) target.setUTCDate(target.getUTCDate() + 1);
  return target.toISOString();
}
