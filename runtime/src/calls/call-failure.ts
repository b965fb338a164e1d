import { CALL_FAILURE_CAUSES, type CallFailure, type CallFailureCause } from '@telesales/schemas';

/** Every cause, for the route schemas (the order of CallFailureCause). */
export const FAILURE_CAUSES: readonly CallFailureCause[] = CALL_FAILURE_CAUSES;

/**
 * The older, coarser `outcome` the call record keeps beside the cause (call lists filter and search on it):
 * busy, no answer, or failed for everything else.
 */
export function outcomeOfFailure(failure: CallFailure): 'busy' | 'noAnswer' | 'failed' {
  return failure.cause === 'busy' || failure.cause === 'noAnswer' ? failure.cause : 'failed';
}
