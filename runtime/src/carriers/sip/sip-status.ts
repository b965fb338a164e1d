import type { CallFailure, CallFailureCause } from '@telesales/schemas';

/**
 * A trunk's final answers and what they mean, the one place for it (click-to-call and outbound tasks alike).
 * 480 Temporarily Unavailable before we gave up ringing is the network saying the phone cannot be reached (关机,
 * out of coverage): a ring-out is our own CANCEL (`timedOut`), so 480 is not "no answer". 410 Gone is a number
 * the carrier has suspended (停机).
 */
const BY_STATUS: Record<number, CallFailureCause> = {
  486: 'busy', 600: 'busy',
  404: 'emptyNumber', 604: 'emptyNumber', 484: 'emptyNumber',
  480: 'switchedOff',
  410: 'suspended',
  408: 'noAnswer',
  403: 'rejected', 603: 'rejected',
  488: 'noCodec', 415: 'noCodec', 606: 'noCodec',
};

/**
 * Q.850 causes a trunk interworking with the phone network puts in its Reason header (RFC 3326). They say more
 * than the SIP status (RFC 3398 maps 19 "no answer" and 20 "subscriber absent" both to 480), so they win.
 */
const BY_Q850: Record<number, CallFailureCause> = {
  1: 'emptyNumber', 17: 'busy', 18: 'noAnswer', 19: 'noAnswer', 20: 'switchedOff', 21: 'rejected',
};

function q850Cause(reason: string | undefined): number | null {
  const m = /Q\.850\s*;[^,]*?\bcause\s*=\s*(\d+)/i.exec(reason ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * What a trunk's final answer to an INVITE means: 0 (no final answer: it rang out or was cancelled) is no answer;
 * a Q.850 cause in `reason` that we know decides before the status; any other 4xx/5xx/6xx is a plain failure.
 */
export function failureOfSipStatus(status: number, reason?: string): CallFailure {
  if (!status) return { cause: 'noAnswer' };
  const q850 = q850Cause(reason);
  return { cause: (q850 !== null ? BY_Q850[q850] : undefined) ?? BY_STATUS[status] ?? 'failed', sipStatus: status };
}

/** The status of a refused leg (`SipEndpoint.dial`'s rejection: "refused: 486"); 0: none came. */
export function statusOfRefusal(err: unknown): number {
  const status = (err as { status?: unknown })?.status;
  if (typeof status === 'number') return status;
  return Number(/refused: (\d{3})/.exec(String((err as Error)?.message ?? err))?.[1] ?? 0);
}

/**
 * Why a dialled leg never connected: rang out (we cancelled it after the ring time), or the trunk's answer; a dial
 * that never left (the endpoint not registered) is a plain failure.
 */
export function failureOfRefusal(err: unknown): CallFailure {
  if ((err as { timedOut?: boolean })?.timedOut) return { cause: 'noAnswer' };
  if (typeof (err as { status?: unknown })?.status !== 'number' && !/refused: \d{3}/.test(String((err as Error)?.message))) return { cause: 'failed' };
  return failureOfSipStatus(statusOfRefusal(err), (err as { reason?: string })?.reason);
}
