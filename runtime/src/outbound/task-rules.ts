import type { CampaignCarrierOutcome, CampaignDefinition } from '@telesales/schemas';
import type { NumberState } from './number-doc.js';

/** Where a number goes after an outcome: its next state, when it is due, and for whom (a callback). */
export interface NextStep {
  state: Extract<NumberState, 'scheduled' | 'done' | 'dnc'>;
  nextAt?: Date;
  callbackAgent?: string;
}

export type Outcome = { outcome: CampaignCarrierOutcome } | { disposition: string; contactAt?: Date; agentId: string };

/** Abandoned calls are tried again once the 72-hour cool-off is over, unless the task says otherwise. */
const ABANDONED_RETRY_MINUTES = 72 * 60;
/** A callback without a time the agent set is due in an hour. */
const CALLBACK_DEFAULT_MS = 3_600_000;

/**
 * The task's rule for an outcome, applied to a number that has had `attempts` dials: retry after a delay up to N
 * dials in all, a callback at the agent's time by that agent, finished, or do-not-call. No rule: finished, but an
 * abandoned call is retried after the cool-off (the callee was never spoken to) and a disposition that asked for
 * a callback time calls back. Pure: the dialer, the tests and the compliance report read the same answer.
 */
export function nextStep(def: CampaignDefinition, what: Outcome, attempts: number, now: Date): NextStep {
  const rule = (def.rules ?? []).find((r) => ('outcome' in what ? r.outcome === what.outcome : r.disposition === what.disposition));
  const action = rule?.action ?? ('outcome' in what ? (what.outcome === 'abandoned' ? 'retry' : 'finished') : what.contactAt ? 'callback' : 'finished');
  switch (action) {
    case 'finished': return { state: 'done' };
    case 'doNotCall': return { state: 'dnc' };
    case 'callback': {
      if ('outcome' in what) return { state: 'done' }; // refused by the checks: a line outcome has no agent
      return { state: 'scheduled', nextAt: what.contactAt ?? new Date(now.getTime() + CALLBACK_DEFAULT_MS), callbackAgent: what.agentId };
    }
    case 'retry': {
      const max = rule?.maxAttempts ?? def.limits?.lifetime;
      if (max !== undefined && attempts >= max) return { state: 'done' };
      const minutes = rule?.retryAfterMinutes ?? ABANDONED_RETRY_MINUTES;
      return { state: 'scheduled', nextAt: new Date(now.getTime() + minutes * 60_000) };
    }
  }
}
