// Agenda starts and closes outbound tasks on their schedule's dates: two runtimes on one real embedded database
// (both run Agenda), real time. A moment in the past runs at once; a future one is moved near (as its day's
// arrival would) to see it run on time; either way one process changes the task, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CampaignDefinition } from '@telesales/schemas';
import { buildApp } from '@telesales/runtime';
import type {} from '@telesales/runtime/outbound/plugin';
import { scheduleInstants } from '@telesales/runtime/outbound/task-schedule';
import { taskRunsCollection } from '@telesales/runtime/outbound/task-doc';
import { startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';
import { id, publishTask, renewalTask } from './outbound-support.js';

let rt: RuntimeFixture;
let second: FastifyInstance;
const ZONE = 'Asia/Shanghai';
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));
const DAY = 86_400_000;

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const runOf = (key: string) => taskRunsCollection(rt.app.db).findOne({ _id: key });
const jobsOf = (key: string) => rt.app.db.collection('agendaJobs').find({ 'data.task': key }).toArray();

beforeAll(async () => {
  process.env.OUTBOUND_SCHEDULE_EVERY = '1 second';
  rt = await startRuntime();
  second = await buildApp({ mongoUri: rt.uri, dbName: rt.dbName, embedded: true });
  await second.ready();
}, 120_000);

afterAll(async () => {
  await second?.close();
  await rt?.close();
  delete process.env.OUTBOUND_SCHEDULE_EVERY;
});

describe('a task\'s schedule', () => {
  it('the moments are the first instant of the start date and of the day after the end date, in the task\'s zone', () => {
    const def = renewalTask({ schedule: { ...renewalTask().schedule, startDate: '2026-05-04', endDate: '2026-05-08' } }) as unknown as CampaignDefinition;
    expect(scheduleInstants(def)).toEqual({ start: new Date('2026-05-03T16:00:00.000Z'), close: new Date('2026-05-08T16:00:00.000Z') });
    expect(scheduleInstants(renewalTask() as unknown as CampaignDefinition)).toEqual({ start: null, close: null });
  });

  it('a task whose start date has come starts on one process, once', async () => {
    const admin = await rt.login('admin');
    const today = localDate(Date.now());
    await publishTask(admin, renewalTask({ id: id(981), key: 'sched_today', schedule: { ...renewalTask().schedule, startDate: today } }));
    const run = await until(() => runOf('sched_today'), (r) => r?.status === 'running');
    expect(run?.status).toBe('running');
    await new Promise((r) => setTimeout(r, 2500)); // both processes' Agenda had their turns
    expect((await runOf('sched_today'))!.history!.filter((h) => h.status === 'running')).toEqual([expect.objectContaining({ by: 'schedule' })]);
    expect(await jobsOf('sched_today')).toHaveLength(1);
  });

  it('a future start waits for its moment and comes on time, one job for it', async () => {
    const admin = await rt.login('admin');
    const tomorrow = localDate(Date.now() + DAY);
    const def = renewalTask({ id: id(982), key: 'sched_later', schedule: { ...renewalTask().schedule, startDate: tomorrow } });
    await publishTask(admin, def);
    const [job] = await until(() => jobsOf('sched_later'), (j) => j.length > 0);
    expect(job!.nextRunAt).toEqual(scheduleInstants(def as unknown as CampaignDefinition).start);
    expect(await jobsOf('sched_later')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 2000));
    expect((await runOf('sched_later'))?.status ?? 'planned').toBe('planned');
    // The day arrives (the job's moment moved to 3 s from now): it runs then, not before.
    const at = Date.now() + 3000;
    await rt.app.db.collection('agendaJobs').updateOne({ _id: job!._id }, { $set: { nextRunAt: new Date(at) } });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await runOf('sched_later'))?.status ?? 'planned').toBe('planned');
    const run = await until(() => runOf('sched_later'), (r) => r?.status === 'running');
    const started = run!.history!.find((h) => h.status === 'running')!;
    expect(started.at.getTime()).toBeGreaterThanOrEqual(at);
    expect(started.at.getTime()).toBeLessThan(at + 2500);
  });

  it('a task past its end date closes; a person\'s stop before the start is not undone', async () => {
    const admin = await rt.login('admin');
    const yesterday = localDate(Date.now() - DAY);
    await publishTask(admin, renewalTask({ id: id(983), key: 'sched_over', schedule: { ...renewalTask().schedule, startDate: yesterday, endDate: yesterday } }));
    const run = await until(() => runOf('sched_over'), (r) => r?.status === 'closed' && (r.history ?? []).length >= 1);
    expect(run?.status).toBe('closed');
    await new Promise((r) => setTimeout(r, 2500));
    expect((await runOf('sched_over'))!.status).toBe('closed');
    expect((await runOf('sched_over'))!.history!.filter((h) => h.status === 'closed')).toHaveLength(1);

    // Closed by a person before its start date: the start does not reopen it.
    await rt.app.outbound.setStatus('sched_stopped', 'closed');
    await publishTask(admin, renewalTask({ id: id(984), key: 'sched_stopped', schedule: { ...renewalTask().schedule, startDate: localDate(Date.now()) } }));
    await until(() => rt.app.db.collection('agendaJobs').findOne({ 'data.task': 'sched_stopped', lastRunAt: { $exists: true } }), (j) => !!j);
    expect((await runOf('sched_stopped'))!.status).toBe('closed');
  });
});
