import { AsyncLocalStorage } from 'node:async_hooks';
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startEmbeddedMongo, type EmbeddedMongo } from '@telesales/embedded-mongo';
import { buildApp } from '@telesales/runtime/app';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';

/**
 * The database round trips of an agent's hot path, counted with the driver's command monitoring: each request runs in
 * an AsyncLocalStorage context, so the commands its own work and its timers send (a dial's ringing 0.5 s later) are
 * counted to it. A guard against reads creeping back (the agent-state change read the state five times, the outcome
 * read the call four times and the agent's user three times). Lookups behind short caches (published definitions,
 * sessions) are left out: whether they hit depends on timing. tests/bench/commands-per-step.mjs prints the full list.
 */
describe('calls: database round trips of an agent state change, a dial, a hang-up and an outcome', () => {
  let mongo: EmbeddedMongo;
  let app: FastifyInstance;
  let stream: ClientRequest;
  const step = new AsyncLocalStorage<string>();
  const sent = new Map<string, string[]>();
  let send: (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;
  const CACHED = new Set(['definitions', 'sessions']);

  beforeAll(async () => {
    process.env.TELEPHONY = 'simulated';
    mongo = await startEmbeddedMongo();
    app = await buildApp({ mongoUri: `${mongo.uri}?monitorCommands=true`, dbName: 'round_trips', embedded: true, jobs: false });
    await installTemplate(app, templateDir('insurance'));
    app.mongoClient.on('commandStarted', (e) => {
      const name = step.getStore();
      const coll = e.command[e.commandName];
      if (!name || typeof coll !== 'string' || CACHED.has(coll)) return;
      sent.set(name, [...(sent.get(name) ?? []), `${e.commandName} ${coll}`]);
    });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'agent1', password: 'agent123' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const { csrfToken } = JSON.parse(login.body) as { csrfToken: string };
    send = async (method, url, body) => {
      const res = await app.inject({
        method: method as 'GET', url, headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
    };
    // The console's event stream is open, so every call event is pushed (and costs what a push costs).
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      stream = httpRequest({ host: '127.0.0.1', port, path: '/api/calls/events', headers: { cookie } }, () => resolve());
      stream.end();
    });
  }, 120_000);

  afterAll(async () => {
    stream?.destroy();
    await app?.close();
    await mongo?.stop();
  });

  const counted = (name: string, fn: () => Promise<{ status: number; body: any }>, settleMs = 800) => step.run(name, async () => {
    const res = await fn();
    await new Promise((r) => setTimeout(r, settleMs));
    return res;
  });
  const of = (name: string, what: string) => (sent.get(name) ?? []).filter((c) => c === what).length;

  it('counts each step and stays within the reads it needs', async () => {
    expect((await send('PUT', '/api/telephony/state', { state: 'ready' })).status).toBe(200); // warms the caches
    expect((await counted('state', () => send('PUT', '/api/telephony/state', { state: 'ready' }))).status).toBe(200);
    const mine = await send('GET', '/api/records/customer?pageSize=1');
    const id = mine.body.items[0].id as string;
    const dialled = await counted('dial', () => send('POST', '/api/calls/dial', { entity: 'customer', id }));
    expect(dialled.status).toBe(201);
    const callId = dialled.body.callId as string;
    expect([200, 409]).toContain((await counted('hangup', () => send('POST', `/api/calls/${callId}/hangup`))).status);
    expect((await counted('outcome', () => send('POST', `/api/calls/${callId}/disposition`, { key: 'interested' }))).status).toBe(200);
    console.log([...sent].map(([name, list]) => `${name}: ${list.length} (${list.join(', ')})`).join('\n'));

    // State change: the route reads the state once for its checks and once to count the time in the last one.
    expect(of('state', 'find agent_states')).toBeLessThanOrEqual(2);
    expect(of('state', 'update agent_states')).toBe(1);
    // Dial: the agent's user is in the request's session; the one read left is the simulated ringing's push.
    expect(of('dial', 'find users')).toBeLessThanOrEqual(1);
    expect(of('dial', 'find agent_states')).toBeLessThanOrEqual(2);
    // Hang-up: the owner's check, the work queue's own read, the carrier's end and the answer.
    expect(of('hangup', 'find calls')).toBeLessThanOrEqual(4);
    expect(of('hangup', 'find users')).toBeLessThanOrEqual(1);
    // Outcome: the owner's check, the work queue's read, and the queued calls the newly ready agent may be offered.
    expect(of('outcome', 'find calls')).toBeLessThanOrEqual(3);
    expect(of('outcome', 'find users')).toBe(0);
    expect(of('outcome', 'find agent_states')).toBeLessThanOrEqual(1);
  }, 60_000);
});
