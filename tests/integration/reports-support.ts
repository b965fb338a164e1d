// Shared by the reports-* suites: report definitions built in code, hand-made call records, the four viewers.
import { randomUUID } from 'node:crypto';
import type { ApiClient, RuntimeFixture } from '../support/runtime-fixture.js';
import { IDS } from './auth-support.js';
import { publish } from './records-support.js';

export { IDS };

/** A report definition with a fresh id; `extra` replaces or adds any part. */
export function report(key: string, extra: Record<string, unknown>) {
  return {
    kind: 'report', schemaVersion: 1, id: randomUUID(), key, label: { zh: `报表 ${key}`, en: `Report ${key}` },
    visual: { type: 'table' }, ...extra,
  };
}

/** Creates (or updates) a report draft and publishes it; fails the test when the publish is refused. */
export async function publishReport(admin: ApiClient, def: { kind: string; key: string }) {
  const res = await publish(admin, def);
  if (res.status !== 200) throw new Error(`publish ${def.key}: ${res.status} ${res.text}`);
  return res;
}

export interface HandCall {
  _id: string;
  direction: 'in' | 'out';
  agentId: string | null;
  ringAt: Date;
  queuedAt?: Date;
  answerAt?: Date;
  endAt?: Date;
  talkSec: number;
  status: string;
  task?: { key: string; numberId: string };
  abandoned?: boolean;
  failure?: { cause: string };
  disposition?: { key: string; by: string; at: Date };
}

/** A finished call written straight into the call records (as if made at `at`), with what the metrics read. */
export function handCall(id: string, at: string, extra: Partial<HandCall> & Pick<HandCall, 'direction' | 'agentId'>): HandCall {
  const ringAt = new Date(at);
  return { _id: id, ringAt, talkSec: 0, status: 'ended', ...extra };
}

export async function insertCalls(rt: Pick<RuntimeFixture, 'app'>, calls: HandCall[]) {
  const docs = calls.map((c) => ({
    from: c.direction === 'in' ? '+8613800000001' : '+862160000000', to: c.direction === 'in' ? '+862160000000' : '+8613800000001',
    phoneEntity: 'customer', customer: null, updatedAt: c.ringAt, ...c,
  }));
  await rt.app.db.collection('calls').insertMany(docs as never[]);
}

export const runReport = (client: ApiClient, key: string, params: Record<string, unknown> = {}) => client.post(`/api/reports/${key}/run`, params);
