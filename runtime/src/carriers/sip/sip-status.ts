import type { CallFailure, CallFailureCause } from '@telesales/schemas';

const BY_STATUS: Record<number, CallFailureCause> = {
  486: 'busy', 600: 'busy',
  404: 'emptyNumber', 604: 'emptyNumber', 484: 'emptyNumber',
  480: 'noAnswer', 408: 'noAnswer',
  403: 'rejected', 603: 'rejected',
  488: 'noCodec', 415: 'noCodec', 606: 'noCodec',
};

/**
 * What a trunk's final answer to a click-to-call INVITE means for the agent. 0 (no final answer: it rang out
 * or was cancelled) is no answer; any other 4xx/5xx/6xx not listed is a plain failure.
 */
export function failureOfSipStatus(status: number): CallFailure {
  if (!status) return { cause: 'noAnswer' };
  return { cause: BY_STATUS[status] ?? 'failed', sipStatus: status };
}
