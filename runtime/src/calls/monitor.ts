import type { Locale, MonitorMode } from '@telesales/schemas';
import type { SessionUser } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { usersInTeamTree } from '../org/teams.js';
import type { CallDoc, CallMonitor } from './call-doc.js';
import { text } from './messages.js';
import type { CallsService } from './service.js';

/**
 * A supervisor on a live call of their team: listen (hears both sides, nobody hears them), whisper (only the agent
 * hears them), barge (a conference: everyone hears everyone); `mode` null: they leave. Recorded on the call, one
 * entry per stretch in one mode (who, mode, from/to), and carried out by the call's carrier (the supervisor's leg:
 * simulated, or their phone INVITEd onto the SIP bridge). Runs in the call's owner (call-commands.ts), like consult.
 */
export async function monitor(svc: CallsService, user: SessionUser, callId: string, mode: MonitorMode | null, locale: Locale): Promise<CallDoc> {
  const doc = await svc.call(callId);
  if (!doc) throw new ApiError(404, 'call_not_found', text('call_not_found', locale));
  await mayMonitor(svc, user, doc, locale);
  return svc.run(callId, async () => {
    const now = await svc.call(callId);
    if (!now) throw new ApiError(404, 'call_not_found', text('call_not_found', locale));
    const open = (now.monitors ?? []).find((m) => m.supervisorId === user.id && !m.to);
    if (mode && !isLive(now)) throw new ApiError(409, 'call_not_live', text('call_not_live', locale));
    if (!mode && !open) throw new ApiError(409, 'not_monitoring', text('not_monitoring', locale));
    if (open?.mode === mode) return now;
    const at = svc.now();
    const monitors: CallMonitor[] = (now.monitors ?? []).map((m) => (m === open ? { ...m, to: at } : m));
    if (mode) monitors.push({ supervisorId: user.id, mode, from: at });
    const updated = await svc.update(callId, { monitors });
    if (!updated) throw new ApiError(404, 'call_not_found', text('call_not_found', locale));
    svc.carrier.monitor(updated, user.id, mode);
    svc.app.log.info({ callId, supervisorId: user.id, mode, previous: open?.mode ?? null }, mode ? 'supervisor monitors a call' : 'supervisor left a call');
    return updated;
  });
}

/** A conversation an agent is on now (ringing, queued or wrapped up: nothing to listen to). */
export function isLive(doc: CallDoc): boolean {
  return doc.status === 'talking' && !doc.endAt && !doc.agentEndAt && !!doc.agentId;
}

/** The supervisors who are on the call now, with their mode. */
export function monitorsOn(doc: CallDoc): { supervisorId: string; mode: MonitorMode }[] {
  return (doc.monitors ?? []).filter((m) => !m.to).map((m) => ({ supervisorId: m.supervisorId, mode: m.mode }));
}

/** Supervisors (data scope team: their team tree) and admins (all); an agent (own) never. */
async function mayMonitor(svc: CallsService, user: SessionUser, doc: CallDoc, locale: Locale): Promise<void> {
  const scope = (await svc.app.permissions.of(user)).role?.dataScope ?? 'own';
  if (scope === 'all') return;
  if (scope !== 'team' || !user.teamId) throw new ApiError(403, 'forbidden_monitor', text('forbidden_monitor', locale));
  const team = await usersInTeamTree(svc.app.db, user.teamId);
  // A call no agent has yet is not live (409 below), whoever asks.
  if (doc.agentId && (doc.agentId === user.id || !team.includes(doc.agentId))) {
    throw new ApiError(403, 'monitor_outside_team', text('monitor_outside_team', locale));
  }
}
