import type { CallJson } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { UserPermissions } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { userNames } from '../org/users.js';
import type { NumberView } from '../records/service.js';
import type { CallDoc } from './call-doc.js';

/** Who reads calls: their permissions, resolved once, and per entity whether they see numbers unmasked. */
export interface CallReader {
  user: SessionUser;
  permissions: UserPermissions;
  /** How this reader sees the outside number of calls of the entity (the records service masks it). */
  phoneView(entityKey: string): Promise<NumberView>;
}

export async function callReader(app: FastifyInstance, user: SessionUser): Promise<CallReader> {
  const permissions = await app.permissions.of(user);
  const cache = new Map<string, NumberView>();
  return {
    user, permissions,
    async phoneView(entityKey) {
      let hit = cache.get(entityKey);
      if (!hit) {
        hit = await app.records.numberView(permissions, entityKey);
        cache.set(entityKey, hit);
      }
      return hit;
    },
  };
}

/** The one place a call leaves the server: the outside party's number as the reader may see it (records service). */
export async function callsJson(app: FastifyInstance, reader: CallReader, docs: CallDoc[]): Promise<CallJson[]> {
  // The reader's own name is in their session: most calls an agent reads are their own, and need no lookup.
  const me = reader.user;
  const names = await userNames(app.db, docs.flatMap((d) => [
    ...(d.agentId ? [d.agentId] : []), ...(d.participants ?? []).map((p) => p.agentId), ...(d.consult ? [d.consult.agentId] : []),
    ...(d.monitors ?? []).map((m) => m.supervisorId),
  ]).filter((id) => id !== me.id));
  names.set(me.id, me.name);
  const iso = (t: Date) => t.toISOString();
  const out: CallJson[] = [];
  for (const d of docs) {
    const view = await reader.phoneView(d.phoneEntity);
    const designer = reader.permissions.manageDefinitions;
    out.push({
      id: d._id,
      direction: d.direction,
      from: d.direction === 'in' ? view.show(d.from) : d.from,
      to: d.direction === 'out' ? view.show(d.to) : d.to,
      masked: view.masked,
      agentId: d.agentId,
      agentName: d.agentId ? (names.get(d.agentId) ?? null) : null,
      customer: d.customer,
      ...(d.queue ? { queue: d.queue } : {}),
      ...(d.task ? { task: { key: d.task.key, numberId: d.task.numberId } } : {}),
      ...(d.flow ? { flow: d.flow } : {}),
      ...(d.flowState ? {
        // The variables a step set can hold a looked-up customer's values: only designers see them.
        trace: d.flowState.trace.map(({ vars, ...step }) => (designer && vars ? { ...step, vars } : step)),
      } : {}),
      ringAt: d.ringAt.toISOString(),
      ...(d.answerAt ? { answerAt: d.answerAt.toISOString() } : {}),
      ...(d.endAt ? { endAt: d.endAt.toISOString() } : {}),
      talkSec: d.talkSec,
      ...(d.hangupBy ? { hangupBy: d.hangupBy } : {}),
      ...(d.held ? { held: true } : {}),
      ...(d.muted ? { muted: true } : {}),
      ...(d.recording ? { recording: d.recording } : {}),
      ...(d.voicemailSec !== undefined ? { voicemailSec: d.voicemailSec } : {}),
      ...(d.survey !== undefined ? { survey: d.survey } : {}),
      ...(d.disposition ? {
        disposition: {
          key: d.disposition.key,
          ...(d.disposition.note ? { note: d.disposition.note } : {}),
          ...(d.disposition.contactAt ? { contactAt: d.disposition.contactAt.toISOString() } : {}),
          ...(d.disposition.invalidNumber ? { invalidNumber: true } : {}),
          by: d.disposition.by,
          at: d.disposition.at.toISOString(),
        },
      } : {}),
      ...(d.outcome ? { outcome: d.outcome } : {}),
      ...(d.outcomeMissing ? { outcomeMissing: { at: iso(d.outcomeMissing.at) } } : {}),
      ...(d.failure ? {
        failure: { cause: d.failure.cause, ...(d.failure.sipStatus ? { sipStatus: d.failure.sipStatus } : {}), ...(d.failure.missing ? { missing: d.failure.missing } : {}) },
      } : {}),
      status: d.status,
      ...(d.participants?.length ? {
        participants: d.participants.map((p) => ({
          agentId: p.agentId, agentName: names.get(p.agentId) ?? null, role: p.role,
          ...(p.invitedAt ? { invitedAt: iso(p.invitedAt) } : {}),
          ...(p.joinAt ? { joinAt: iso(p.joinAt) } : {}),
          ...(p.leftAt ? { leftAt: iso(p.leftAt) } : {}),
          ...(p.left ? { left: p.left } : {}),
        })),
      } : {}),
      ...(d.consult ? {
        consult: {
          agentId: d.consult.agentId, agentName: names.get(d.consult.agentId) ?? null, by: d.consult.by, target: d.consult.target,
          status: d.consult.status, startAt: d.consult.startAt.toISOString(), ...(d.consult.answerAt ? { answerAt: d.consult.answerAt.toISOString() } : {}),
        },
      } : {}),
      ...(d.conference ? { conference: true } : {}),
      ...(d.transfers?.length ? {
        transfers: d.transfers.map((t) => ({
          kind: t.kind, from: t.from, to: t.to, startAt: t.startAt.toISOString(), ...(t.answerAt ? { answerAt: t.answerAt.toISOString() } : {}), at: t.at.toISOString(),
        })),
      } : {}),
      ...(d.monitors?.length ? {
        // A supervisor still on when the call ended left with it.
        monitors: d.monitors.map((m) => {
          const to = m.to ?? d.agentEndAt ?? d.endAt;
          return { supervisorId: m.supervisorId, supervisorName: names.get(m.supervisorId) ?? null, mode: m.mode, from: iso(m.from), ...(to ? { to: iso(to) } : {}) };
        }),
      } : {}),
    });
  }
  return out;
}

export async function callJson(app: FastifyInstance, reader: CallReader, doc: CallDoc): Promise<CallJson> {
  return (await callsJson(app, reader, [doc]))[0]!;
}
