// Which call lists and recordings the console offers (the server checks every request again).
import type { CallJson } from '$lib/api/calls';
import { canReview } from '$lib/ownership/roles';
import { session } from '$lib/session.svelte';

/** "All calls" is for supervisors: people whose data scope reaches beyond their own. */
export const seesAllCalls = () => canReview();

/**
 * Who may listen to a call's recording: those who were on the call (its agent, a consulted agent or conference
 * member who joined), and supervisors and admins (whose data scope reaches the call) — the rule the runtime
 * applies when it streams the file (calls/routes.ts, mayHear).
 */
export const mayPlayRecording = (call: CallJson) => {
	const me = session.me?.user.id;
	return canReview() || call.agentId === me || (call.participants ?? []).some((p) => p.agentId === me && !!p.joinAt);
};
