import type { CarrierEvent } from '../carriers/carrier.js';
import type { CallDoc } from './call-doc.js';

/**
 * What the outbound tasks capability (outbound/) hears of its calls. The calls of a task's dialer are carried by
 * the process that dialled them, so their carrier events go to that process's dialer (`owns`); a disposition may
 * be given on any process and is a database change only (`disposed`).
 */
export interface TaskCallHooks {
  /** This process's dialer placed the call and follows its events itself. */
  owns(callId: string): boolean;
  event(e: CarrierEvent): Promise<void>;
  /** An agent gave a task call its outcome: the task's rule for it applies to the number. */
  disposed(doc: CallDoc): Promise<void>;
}
