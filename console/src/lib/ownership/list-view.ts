// The "Mine / Pool / All" tabs of an owned entity's list: which tabs the reader gets, and which one a
// URL's `view` parameter means. Unowned entities have no tabs (the plain list).
import type { EntityDefinition, Filter, LocalText, PoolJson } from '@telesales/schemas';

export type ListView = { kind: 'mine' } | { kind: 'all' } | { kind: 'pool'; pool: string } | { kind: 'plain' };

export interface ListTab {
	view: string;
	kind: ListView['kind'];
	label?: LocalText;
	count?: number;
}

export function listTabs(entity: EntityDefinition, pools: PoolJson[], beyondOwn: boolean): ListTab[] {
	if (entity.owned === false) return [];
	const tabs: ListTab[] = [{ view: 'mine', kind: 'mine' }];
	for (const pool of pools) {
		if (pool.entity === entity.key && pool.member) tabs.push({ view: `pool:${pool.key}`, kind: 'pool', label: pool.label, count: pool.count });
	}
	if (beyondOwn) tabs.push({ view: 'all', kind: 'all' });
	return tabs;
}

/** The view a URL asks for; unknown or unset falls back to "All" for supervisors, "Mine" for agents. */
export function resolveView(requested: string, entity: EntityDefinition, tabs: ListTab[], beyondOwn: boolean): ListView {
	if (entity.owned === false) return { kind: 'plain' };
	const tab = tabs.find((t) => t.view === requested);
	if (tab?.kind === 'pool') return { kind: 'pool', pool: requested.slice('pool:'.length) };
	if (tab) return { kind: tab.kind } as ListView;
	// a pool tab named in a bookmark may not be loaded yet: trust it, the server answers 403/404 if wrong
	if (requested.startsWith('pool:')) return { kind: 'pool', pool: requested.slice('pool:'.length) };
	return beyondOwn ? { kind: 'all' } : { kind: 'mine' };
}

export const viewKey = (view: ListView) => (view.kind === 'pool' ? `pool:${view.pool}` : view.kind);

/** "Mine" is the ordinary list narrowed to ownerId = me, on top of whatever the user filtered. */
export function mineFilter(userId: string, filter: Filter | null): Filter {
	const mine: Filter = { field: 'ownerId', op: 'eq', value: userId };
	return filter ? { and: [mine, filter] } : mine;
}
