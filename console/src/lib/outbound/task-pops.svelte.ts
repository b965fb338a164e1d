// The screen pops of task calls, by call id: fetched once when a task's call reaches the agent, read by the call
// panel (card, script, convert) and by the wrap-up form (the task's offered outcomes).
import { taskCallPop, type TaskCallPopJson } from '$lib/api/outbound';

export const taskPops = $state<Record<string, TaskCallPopJson>>({});
const asked = new Set<string>();

export function loadTaskPop(callId: string): void {
	if (asked.has(callId)) return;
	asked.add(callId);
	taskCallPop(callId).then(
		(pop) => (taskPops[callId] = pop),
		() => asked.delete(callId) // asked again on the next render (e.g. the offer reached us a moment later)
	);
}
