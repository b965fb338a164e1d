import type { Collection, Db } from 'mongodb';
import type { CallDirection, CallFailure, CallStatus, HangupSide, MonitorMode } from '@telesales/schemas';
import type { CallState } from '@telesales/engines/flows';

/**
 * A call as stored. `from` and `to` are the raw numbers (the outside party's is `from` inbound, `to`
 * outbound); they leave the server only through call-json.ts, masked per reader.
 */
export interface CallDoc {
  _id: string;
  direction: CallDirection;
  from: string;
  to: string;
  /** The entity whose phone field decides masking of the outside party's number. */
  phoneEntity: string;
  agentId: string | null;
  customer: { entity: string; id: string } | null;
  /** The skill group the call queued in. */
  queue?: string;
  flow?: { key: string; version: number };
  /** A simulated call's flow clock runs this far from the real one (simulate-inbound's `at`: try the flow at any hour). */
  flowClockOffsetMs?: number;
  /** The interpreter's state between events (plain JSON): a call resumes from it after any wait. */
  flowState?: CallState | null;
  ringAt: Date;
  queuedAt?: Date | null;
  answerAt?: Date;
  /** When the agent's part ended (hang-up, transfer away); the caller may still be in the flow (survey). */
  agentEndAt?: Date;
  endAt?: Date;
  talkSec: number;
  hangupBy?: HangupSide;
  held?: boolean;
  muted?: boolean;
  recording?: { file: string };
  /** A voicemail message's length (the recording is then the message, not a conversation). */
  voicemailSec?: number;
  survey?: number;
  disposition?: { key: string; note?: string; contactAt?: Date; invalidNumber?: boolean; by: string; at: Date };
  outcome?: 'busy' | 'noAnswer' | 'failed';
  /** After-call work ran out before the agent gave an outcome: recorded by rule (outcome.ts) until they give it. */
  outcomeMissing?: { at: Date };
  /** Why a call never became a conversation (call-failure.ts): the trunk refused it, or it carried no audio (`noMedia`). */
  failure?: CallFailure;
  status: CallStatus;
  /** An outbound task's dial (outbound/): the task's key and the number's id; the dialer's hooks handle its events. */
  task?: { key: string; numberId: string };
  /** A task's call answered by a person with no agent free within 2 s (the 2-second rule): it heard the message. */
  abandoned?: boolean;
  /** After-call work of this call ends after this many seconds (the task's wrap-up time), instead of the state's maxSec. */
  wrapupSec?: number;
  /** The agent whose console rings now (inbound, while status is ringing). */
  offeredTo?: string | null;
  /** Agents who let the offer ring out or declined it: not offered this call again. */
  declined?: string[];
  /** Agents on the call in order (answered, consulted, conference members), with join and leave times. */
  participants?: CallParticipant[];
  /** Attended transfer in progress: the caller is on hold while the call's agent consults another agent. */
  consult?: CallConsult | null;
  /** Three-way conference: the call's agent and the open `conference` participants talk with the caller. */
  conference?: boolean;
  transfers?: CallTransfer[];
  /** Supervisors on the call (listen, whisper, barge): one entry per stretch in one mode, `to` set when it ended (monitor.ts). */
  monitors?: CallMonitor[];
  /**
   * The runtime process holding the live call (its line or media, flow timers, work queue) and its lease, renewed
   * while that process lives (call-owner.ts). Kept after the end as a record of where the call ran.
   */
  owner?: CallOwner;
  updatedAt: Date;
}

export interface CallMonitor {
  supervisorId: string;
  mode: MonitorMode;
  from: Date;
  to?: Date;
}

export interface CallOwner {
  process: string;
  until: Date;
}

export interface CallParticipant {
  agentId: string;
  role: 'agent' | 'consult' | 'conference';
  invitedAt?: Date;
  joinAt?: Date;
  leftAt?: Date;
  left?: 'hangup' | 'transferred' | 'cancelled' | 'declined' | 'noAnswer' | 'caller';
}

export interface CallConsult {
  agentId: string;
  by: string;
  target: { type: 'agent' | 'group'; ref: string };
  status: 'ringing' | 'talking';
  startAt: Date;
  answerAt?: Date;
}

export interface CallTransfer {
  kind: 'blind' | 'attended';
  from: string;
  to: string;
  startAt: Date;
  answerAt?: Date;
  at: Date;
}

export function callsCollection(db: Db): Collection<CallDoc> {
  return db.collection<CallDoc>('calls');
}

export async function ensureCallIndexes(db: Db): Promise<void> {
  const calls = callsCollection(db);
  await calls.createIndex({ agentId: 1, ringAt: -1 }, { name: 'agent_recent' });
  await calls.createIndex({ direction: 1, ringAt: -1 }, { name: 'direction_recent' });
  await calls.createIndex({ ringAt: -1 }, { name: 'recent' });
  await calls.createIndex({ status: 1, queue: 1, queuedAt: 1 }, { name: 'waiting' });
  await calls.createIndex({ 'task.key': 1, ringAt: -1 }, { name: 'task_recent', partialFilterExpression: { 'task.key': { $exists: true } } });
  await calls.createIndex({ 'customer.entity': 1, 'customer.id': 1, ringAt: -1 }, { name: 'customer_recent' });
}
