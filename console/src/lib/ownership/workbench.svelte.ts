// The caller's ownership figures (GET /api/ownership/me), polled by the shell every minute on every page:
// the call is also the presence heartbeat that keeps the agent "online" for automatic distribution.
// Pages read the shared result instead of asking again.
import type { WorkbenchOwnershipJson } from '@telesales/schemas';
import { ownershipMe, setReceiving as apiSetReceiving } from '$lib/api/ownership';

export const POLL_MS = 60_000;

export const ownership = $state<{ data: WorkbenchOwnershipJson | null; error: string | null; at: number }>({ data: null, error: null, at: 0 });

/** Asks now (after a claim, a release, a review…) so caps and counts follow at once. */
export async function refreshOwnership(): Promise<void> {
	try {
		ownership.data = await ownershipMe();
		ownership.error = null;
		ownership.at = Date.now();
	} catch (e) {
		ownership.error = (e as Error).message;
	}
}

/** Starts the heartbeat; returns the stop function. */
export function startOwnershipPolling(): () => void {
	// another person may have signed in in this tab since the last session: never show their figures
	ownership.data = null;
	ownership.error = null;
	void refreshOwnership();
	const timer = setInterval(() => void refreshOwnership(), POLL_MS);
	return () => clearInterval(timer);
}

export async function setReceiving(receiving: boolean): Promise<void> {
	ownership.data = await apiSetReceiving(receiving);
	ownership.at = Date.now();
}

/** "how many I own / my cap" for an entity, once known. */
export function ownedOf(entity: string): { owned: number; cap: number | null } | null {
	return ownership.data?.entities.find((e) => e.entity === entity) ?? null;
}
