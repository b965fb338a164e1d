// The pools the signed-in person belongs to or administers (GET /api/pools), shared by the list tabs,
// the card's transfer dialog and the batch bar. Counts move with every claim, so callers refresh after one.
import type { PoolJson } from '@telesales/schemas';
import { listPools } from '$lib/api/ownership';

export const pools = $state<{ list: PoolJson[]; loaded: boolean; error: string | null }>({ list: [], loaded: false, error: null });

let pending: Promise<void> | null = null;

export function loadPools(force = false): Promise<void> {
	if (pools.loaded && !force) return Promise.resolve();
	if (pending && !force) return pending;
	pending = listPools()
		.then((list) => {
			pools.list = list;
			pools.loaded = true;
			pools.error = null;
		})
		.catch((e: Error) => {
			pools.error = e.message;
		})
		.finally(() => {
			pending = null;
		});
	return pending;
}

export const poolsOf = (entity: string) => pools.list.filter((p) => p.entity === entity);
