// Agenda 6 with the official MongoDB backend, against the target server (MONGODB_URI or the embedded one):
// one-off and repeating jobs run, two Agenda instances sharing a database run every job exactly once, and the
// backend's change-stream notification channel (Agenda's own change-stream tests: inserts, updates, reconnect)
// works, so a job created on one process wakes the others at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { Agenda, type Job } from 'agenda';
import { MongoBackend, MongoChangeStreamNotificationChannel } from '@agendajs/mongo-backend';
import type { Db, MongoClient } from 'mongodb';
import { connect, startTarget, uniqueDbName, type StartedServer } from './server-fixture.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls cond until it holds or the deadline passes; fails with a description instead of hanging. */
async function waitFor(what: string, cond: () => boolean | Promise<boolean>, ms: number, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what} ${detail()}; agenda errors: ${JSON.stringify(errors)}`);
    }
    await sleep(50);
  }
}

/** Resolves p, or fails after ms. */
async function within<T>(what: string, p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let server: StartedServer;
const errors: string[] = [];
const clients: MongoClient[] = [];
const agendas: Agenda[] = [];
const dbName = uniqueDbName('agenda');

async function newAgenda(name: string, collection: string): Promise<{ agenda: Agenda; db: Db }> {
  const client = await connect(server.uri);
  clients.push(client);
  const db = client.db(dbName);
  const agenda = new Agenda({
    name,
    backend: new MongoBackend({ mongo: db, collection }),
    // 200 ms as a number: human-interval (Agenda's parser) reads '200 milliseconds' as 200000 ms
    processEvery: 200,
  });
  agenda.on('error', (e: unknown) => {
    errors.push(`${name}: ${String(e)}`);
  });
  agendas.push(agenda);
  await within(`agenda ${name} ready`, agenda.ready, 15_000);
  return { agenda, db };
}

beforeAll(async () => {
  server = await startTarget();
});

afterAll(async () => {
  for (const agenda of agendas.splice(0)) await within('agenda.stop() in cleanup', agenda.stop(false), 10_000).catch(() => undefined);
  if (clients.length > 0) await clients[0].db(dbName).dropDatabase().catch(() => undefined);
  for (const client of clients.splice(0)) await client.close().catch(() => undefined);
  await server?.stop();
  if (server?.dbpath) rmSync(server.dbpath, { recursive: true, force: true });
});

describe('Agenda 6 on the target server', () => {
  it('runs one-off jobs (now and in 1 second) exactly once with their data', { timeout: 40_000 }, async () => {
    const { agenda, db } = await newAgenda('oneoff', 'jobs_oneoff');
    const runs: Array<{ id: string; data: unknown; at: number }> = [];
    agenda.define('oneoff', async (job: Job<{ n: number; label: string }>) => {
      runs.push({ id: String(job.attrs._id), data: job.attrs.data, at: Date.now() });
    });
    await within('agenda.start()', agenda.start(), 10_000);
    const nowJob = await agenda.now('oneoff', { n: 1, label: 'now' });
    const scheduledAt = Date.now();
    const laterJob = await agenda.schedule('in 1 second', 'oneoff', { n: 2, label: 'later' });
    const nowId = String(nowJob.attrs._id);
    const laterId = String(laterJob.attrs._id);
    expect(nowId).not.toBe(laterId);

    const detail = () => JSON.stringify(runs);
    await waitFor('both one-off jobs to run', () => runs.length >= 2, 15_000, detail);
    // a few more poll cycles: nothing runs twice
    await sleep(1_500);
    expect(runs.filter((r) => r.id === nowId).map((r) => r.data)).toEqual([{ n: 1, label: 'now' }]);
    expect(runs.filter((r) => r.id === laterId).map((r) => r.data)).toEqual([{ n: 2, label: 'later' }]);
    expect(runs).toHaveLength(2);
    const later = runs.find((r) => r.id === laterId)!;
    expect(later.at - scheduledAt, 'the scheduled job must not run before its time').toBeGreaterThanOrEqual(950);

    // the job documents record the runs; one-off jobs have no next run
    const coll = db.collection('jobs_oneoff');
    await waitFor(
      'both jobs to be marked finished',
      async () => (await coll.countDocuments({ name: 'oneoff', lastFinishedAt: { $type: 'date' } })) === 2,
      5_000,
    );
    const docs = await coll.find({ name: 'oneoff' }).toArray();
    expect(docs).toHaveLength(2);
    for (const d of docs) {
      expect(d.lastRunAt).toBeInstanceOf(Date);
      expect(d.nextRunAt ?? null).toBeNull();
    }

    await within('agenda.stop()', agenda.stop(false), 10_000);
    expect(errors).toEqual([]);
  });

  it('runs a repeating job at least 3 times', { timeout: 40_000 }, async () => {
    const { agenda, db } = await newAgenda('repeat', 'jobs_repeat');
    const runs: Array<{ id: string; data: unknown; at: number }> = [];
    agenda.define('tick', async (job: Job<{ k: string }>) => {
      runs.push({ id: String(job.attrs._id), data: job.attrs.data, at: Date.now() });
    });
    await within('agenda.start()', agenda.start(), 10_000);
    await agenda.every('1 second', 'tick', { k: 'v' });
    await waitFor('the repeating job to run 3 times', () => runs.length >= 3, 15_000, () => JSON.stringify(runs));
    await within('agenda.stop()', agenda.stop(false), 10_000);

    expect(new Set(runs.map((r) => r.id)).size, 'every() keeps a single job document').toBe(1);
    for (const r of runs) expect(r.data).toEqual({ k: 'v' });
    const gaps = runs.slice(1).map((r, i) => r.at - runs[i].at);
    for (const gap of gaps) expect(gap, `gaps between runs ${JSON.stringify(gaps)}`).toBeGreaterThanOrEqual(500);
    const coll = db.collection('jobs_repeat');
    const docs = await coll.find({ name: 'tick' }).toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0].repeatInterval).toBe('1 second');
    expect(docs[0].nextRunAt).toBeInstanceOf(Date);
    expect(docs[0].lockedAt ?? null, 'stop() unlocks the job').toBeNull();
    expect(errors).toEqual([]);
  });

  it('two instances on one database run each of 50 jobs exactly once and stop cleanly', { timeout: 60_000 }, async () => {
    const a = await newAgenda('instance-a', 'jobs_shared');
    const b = await newAgenda('instance-b', 'jobs_shared');
    const executions = new Map<string, string[]>();
    const handler = (instance: string) => async (job: Job<{ i: number }>) => {
      const id = String(job.attrs._id);
      executions.set(id, [...(executions.get(id) ?? []), `${instance}#${job.attrs.data.i}`]);
      await sleep(20 + Math.floor(Math.random() * 30));
    };
    a.agenda.define('shared', handler('a'));
    b.agenda.define('shared', handler('b'));
    await within('both agenda.start()', Promise.all([a.agenda.start(), b.agenda.start()]), 10_000);

    // the jobs come from a third instance that does not process: both workers only find them by polling, so
    // they compete for every job (a processing instance would run the jobs it creates itself at once)
    const creator = await newAgenda('creator', 'jobs_shared');
    const inOneSecond = new Date(Date.now() + 1_000);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0 ? creator.agenda.now('shared', { i }) : creator.agenda.schedule(inOneSecond, 'shared', { i }),
      ),
    );
    const ids = created.map((j) => String(j.attrs._id));
    expect(new Set(ids).size).toBe(50);

    const summary = () => {
      const counts = [...executions.values()].map((v) => v.length);
      return `(${executions.size} distinct jobs ran, ${counts.reduce((x, y) => x + y, 0)} executions)`;
    };
    await waitFor('all 50 jobs to run', () => ids.every((id) => executions.has(id)), 30_000, summary);
    // several more poll cycles of both instances: nothing may run a second time
    await sleep(2_000);

    const twice = [...executions].filter(([, runs]) => runs.length !== 1);
    expect(twice, 'jobs that ran more than once').toEqual([]);
    expect([...executions.keys()].sort()).toEqual([...ids].sort());
    for (const [id, runs] of executions) {
      const i = created.findIndex((j) => String(j.attrs._id) === id);
      expect(runs[0].split('#')[1]).toBe(String(i));
    }
    const byA = [...executions.values()].filter((r) => r[0].startsWith('a#')).length;
    console.log(`agenda: instance a ran ${byA} jobs, instance b ran ${50 - byA}`);

    await within('both agenda.stop()', Promise.all([a.agenda.stop(false), b.agenda.stop(false)]), 10_000);
    const coll = a.db.collection('jobs_shared');
    const docs = await coll.find({ name: 'shared' }).toArray();
    expect(docs).toHaveLength(50);
    for (const d of docs) {
      expect(d.lastFinishedAt, `job ${String(d._id)} finished`).toBeInstanceOf(Date);
      expect(d.lockedAt ?? null, `job ${String(d._id)} unlocked`).toBeNull();
    }
    expect(errors).toEqual([]);
  });
});

describe('Agenda change-stream notifications on the target server', () => {
  /** A channel on a collection of its own, as Agenda's own change-stream tests set it up. */
  async function connectedChannel(collection: string) {
    const client = await connect(server.uri);
    clients.push(client);
    const db = client.db(dbName);
    const channel = new MongoChangeStreamNotificationChannel({ db, collection });
    channel.on('error', (e: unknown) => errors.push(`channel ${collection}: ${String(e)}`));
    await channel.connect();
    const notifications: { jobName: string; priority: number }[] = [];
    channel.subscribe(async (n) => {
      notifications.push({ jobName: n.jobName, priority: n.priority });
    });
    return { db, channel, notifications };
  }

  it('detects job inserts (and skips jobs without nextRunAt)', { timeout: 20_000 }, async () => {
    const { db, channel, notifications } = await connectedChannel('cs_insert');
    expect(channel.state).toBe('connected');
    await db.collection('cs_insert').insertOne({ name: 'no-next-run', priority: 0, type: 'normal', data: {} });
    await db.collection('cs_insert').insertOne({ name: 'test-job', nextRunAt: new Date(), priority: 0, type: 'normal', data: {} });
    await waitFor('the insert notification', () => notifications.length >= 1, 5_000, () => JSON.stringify(notifications));
    await sleep(300);
    expect(notifications).toEqual([{ jobName: 'test-job', priority: 0 }]);
    await channel.disconnect();
  });

  it('detects job updates with the document looked up (fullDocument: updateLookup)', { timeout: 20_000 }, async () => {
    const { db, channel, notifications } = await connectedChannel('cs_update');
    const { insertedId } = await db.collection('cs_update').insertOne({ name: 'update-test', nextRunAt: new Date(), priority: 0, type: 'normal', data: {} });
    await waitFor('the insert notification', () => notifications.length >= 1, 5_000);
    notifications.length = 0;
    await db.collection('cs_update').updateOne({ _id: insertedId }, { $set: { priority: 10 } });
    await waitFor('the update notification', () => notifications.length >= 1, 5_000);
    expect(notifications).toEqual([{ jobName: 'update-test', priority: 10 }]);
    await channel.disconnect();
  });

  it('reconnects after its change stream is closed, and keeps notifying', { timeout: 20_000 }, async () => {
    const { db, channel, notifications } = await connectedChannel('cs_reconnect');
    await (channel as unknown as { changeStream?: { close(): Promise<void> } }).changeStream?.close();
    await waitFor('the channel to reconnect', () => channel.state === 'connected' && Boolean((channel as unknown as { changeStream?: unknown }).changeStream), 5_000);
    await sleep(500);
    await db.collection('cs_reconnect').insertOne({ name: 'after-reconnect', nextRunAt: new Date(), priority: 0, type: 'normal', data: {} });
    await waitFor('a notification after reconnecting', () => notifications.some((n) => n.jobName === 'after-reconnect'), 5_000);
    await channel.disconnect();
    expect(errors).toEqual([]);
  });

  it('a job created by another instance runs at once, long before the next poll', { timeout: 30_000 }, async () => {
    const client = await connect(server.uri);
    clients.push(client);
    const db = client.db(dbName);
    const channel = new MongoChangeStreamNotificationChannel({ db, collection: 'jobs_notified' });
    const worker = new Agenda({ name: 'notified', backend: new MongoBackend({ mongo: db, collection: 'jobs_notified' }), notificationChannel: channel, processEvery: 60_000 });
    worker.on('error', (e: unknown) => errors.push(`notified: ${String(e)}`));
    agendas.push(worker);
    const ran: number[] = [];
    worker.define('wake', async () => {
      ran.push(Date.now());
    });
    await within('worker ready', worker.ready, 15_000);
    await within('worker start', worker.start(), 10_000);
    await sleep(500); // past the first poll, which runs at start
    const creator = await newAgenda('notifier', 'jobs_notified');
    const created = Date.now();
    await creator.agenda.now('wake');
    await waitFor('the job to run on the notified worker', () => ran.length >= 1, 10_000);
    expect(ran[0] - created, 'ran within a second (the poll is a minute away)').toBeLessThan(1_000);
    await within('worker stop', worker.stop(false), 10_000);
    expect(errors).toEqual([]);
  });
});
