// Which call lists and recordings the console offers (the server checks every request again).
import type { CallJson } from '$lib/api/calls';
import { canReview } from '$lib/ownership/roles';
import { session } from '$lib/session.svelte';

/** "All calls" is for supervisors: people whose data scope reaches beyond their own. */
export const seesAllCalls = () => canReview();

/**
 * Who may listen to a call's recording: the agent who took it, and supervisors and admins (whose data scope
 * reaches the call) — the same rule the runtime applies when it streams the file.
 */
export const mayPlayRecording = (call: CallJson) => canReview() || call.agentId === session.me?.user.id;
