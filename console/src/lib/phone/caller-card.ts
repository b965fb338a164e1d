// The screen pop on answering an inbound call: the caller's card opens by itself, so the agent talks with the
// customer's history in front of them. A known caller: their card. An unknown one: the new-customer form of the
// entity callers are looked up in, told which call it comes from (the server fills the number from the call
// record: the page never holds it unmasked). A caller whose card this agent may not read, or an entity they may
// not create in: nothing opens, the pop in the drawer says what there is to say.
import type { CallJson } from '@telesales/schemas';
import { newRecordPath, recordPath } from '$lib/paths';
import { permission, session } from '$lib/session.svelte';
import type { ScreenPop } from './state.svelte';

/** The query parameter of the new-record page naming the inbound call the record is made from. */
export const FROM_CALL = 'fromCall';

export function callerCardPath(call: CallJson, pop: ScreenPop | undefined): string | null {
	if (call.direction !== 'in') return null;
	if (pop?.customer) return recordPath(pop.customer.entity, pop.customer.id);
	// known, but the ring brought no card: outside what this agent may read
	if (call.customer || !pop || !permission(pop.entity).create) return null;
	// the pop still holds the call as it rang (no agent yet): the answered call says who took it
	return newCallerPath({ ...pop, call });
}

/** An unknown caller's new-customer form: made from the call once this agent took it (only they may), else blank. */
export function newCallerPath(pop: ScreenPop): string {
	const taken = pop.call.direction === 'in' && !!pop.call.agentId && pop.call.agentId === session.me?.user.id;
	return taken ? `${newRecordPath(pop.entity)}?${FROM_CALL}=${encodeURIComponent(pop.call.id)}` : newRecordPath(pop.entity);
}
