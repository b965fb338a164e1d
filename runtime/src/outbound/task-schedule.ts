import { hostname } from 'node:os';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { CampaignDefinition } from '@telesales/schemas';
import { instantsOf } from '@telesales/engines/compliance';
import type { FastifyInstance } from 'fastify';
import { taskRunsCollection, type TaskStatus } from './task-doc.js';

const JOBS_COLLECTION = 'agendaJobs';
const START_JOB = 'outbound task start';
const CLOSE_JOB = 'outbound task close';

/** The first instant of a local date in a zone (its midnight, or the first minute after a clock change skipped it). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  for (let minutes = 0; minutes < 1440; minutes += 15) {
    const at = instantsOf(day, minutes, timeZone);
    if (at.length) return Math.min(...at);
  }
  throw new Error(`no instant of ${date} in ${timeZone}`);
}

/** When a task's schedule starts it (its start date's first instant) and closes it (the first instant after its end date). */
export function scheduleInstants(def: CampaignDefinition): { start: Date | null; close: Date | null } {
  const { startDate, endDate, timeZone } = def.schedule;
  const next = endDate ? new Date(Date.parse(`${endDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;
  return {
    start: startDate ? new Date(startOfLocalDay(startDate, timeZone)) : null,
    close: next ? new Date(startOfLocalDay(next, timeZone)) : null,
  };
}

/**
 * Starts and closes published tasks on their schedule with Agenda: one job per task and moment, unique by task,
 * so every process may (re)schedule it and Agenda's lock runs it on one of them. The change itself is conditional
 * (planned -> running; anything -> closed), so a job run twice, or late after a person's change, does it at most
 * once and never undoes a person's stop.
 */
export class TaskSchedule {
  private agenda: Agenda | null = null;

  constructor(private readonly app: FastifyInstance, private readonly options: { processEvery?: string | number } = {}) {}

  async start(defs: CampaignDefinition[]): Promise<void> {
    const agenda = new Agenda({
      name: `${hostname()}:${process.pid}:outbound`,
      backend: new MongoBackend({ mongo: this.app.db, collection: JOBS_COLLECTION }),
      processEvery: this.options.processEvery ?? '10 seconds',
      defaultLockLifetime: 60_000,
    });
    agenda.on('error', (error: unknown) => this.app.log.error({ err: error }, 'outbound schedule: agenda error'));
    agenda.define(START_JOB, async (job) => { await this.change((job.attrs.data as { task: string }).task, ['planned'], 'running'); });
    agenda.define(CLOSE_JOB, async (job) => { await this.change((job.attrs.data as { task: string }).task, ['planned', 'running', 'paused'], 'closed'); });
    await agenda.ready;
    this.agenda = agenda;
    for (const def of defs) await this.schedule(def);
    await agenda.start();
  }

  /** (Re)schedules a task after a publish: its start and close jobs at the schedule's moments, or none. */
  async schedule(def: CampaignDefinition): Promise<void> {
    const agenda = this.agenda;
    if (!agenda) return;
    const { start, close } = scheduleInstants(def);
    for (const [name, at] of [[START_JOB, start], [CLOSE_JOB, close]] as const) {
      const existing = await this.app.db.collection(JOBS_COLLECTION).findOne({ name, 'data.task': def.key }, { projection: { nextRunAt: 1, lastRunAt: 1 } });
      if (!at) { if (existing) await agenda.cancel({ name, data: { task: def.key } }); continue; }
      // Already planned for this moment, or already run for it: a restart or another process changes nothing.
      if (existing && (existing.nextRunAt?.getTime() === at.getTime() || (existing.lastRunAt && !existing.nextRunAt && existing.lastRunAt >= at))) continue;
      await agenda.create(name, { task: def.key }).unique({ name, 'data.task': def.key }).schedule(at).save();
    }
  }

  private async change(task: string, from: TaskStatus[], to: TaskStatus): Promise<void> {
    const now = new Date();
    const runs = taskRunsCollection(this.app.db);
    await runs.updateOne({ _id: task }, { $setOnInsert: { status: 'planned', joined: [], updatedAt: now } }, { upsert: true });
    const res = await runs.updateOne(
      { _id: task, status: { $in: from } },
      { $set: { status: to, pausedReason: null, updatedAt: now }, $push: { history: { status: to, at: now, by: 'schedule' } } },
    );
    if (res.modifiedCount) this.app.log.info({ task, status: to }, 'outbound task changed by its schedule');
  }

  async stop(): Promise<void> {
    const agenda = this.agenda;
    this.agenda = null;
    if (agenda) await agenda.drain({ timeout: 10_000, closeConnection: false });
  }
}
