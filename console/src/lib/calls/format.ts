// How calls read on screen: durations as m:ss (h:mm:ss past an hour), the party as the server sent it
// (masked per role), and who is on the other end.
import type { CallJson } from '$lib/api/calls';
import { referenceTitle } from '$lib/fields/lookups.svelte';

export function formatDuration(totalSec: number): string {
	const sec = Math.max(0, Math.floor(totalSec));
	const h = Math.floor(sec / 3600);
	const m = Math.floor((sec % 3600) / 60);
	const s = String(sec % 60).padStart(2, '0');
	return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The other party's number: the caller for inbound calls, the called number for outbound ones. */
export const partyOf = (call: CallJson) => (call.direction === 'in' ? call.from : call.to);

/** Who the call was with: the customer's title as this reader may see the record, and the number as sent. */
export function partyLabel(call: CallJson): string {
	const name = call.customer ? referenceTitle(call.customer.entity, call.customer.id) : '';
	return [name, partyOf(call)].filter(Boolean).join(' ') || '—';
}

/** Seconds since the call was answered (talking) or started ringing. */
export function elapsedSec(call: CallJson, now: number): number {
	const from = Date.parse(call.answerAt ?? call.ringAt);
	return Number.isNaN(from) ? 0 : (now - from) / 1000;
}
