import type { EntityDefinition } from '@telesales/schemas';
import { get } from './client';
import type { DefinitionHeadJson, DefinitionSummary } from './types';

export function listEntities(): Promise<DefinitionSummary[]> {
	return get<DefinitionSummary[]>('/definitions?kind=entity');
}

// Published definitions are cached by key+version for lookups that happen per cell (reference titles);
// pages always fetch fresh so an agent sees a field the moment it is published.
const cache = new Map<string, EntityDefinition>();

export async function fetchEntity(key: string): Promise<EntityDefinition | null> {
	const doc = await get<DefinitionHeadJson<'entity'>>(`/definitions/entity/${encodeURIComponent(key)}`);
	if (doc.published) cache.set(key, doc.published);
	return doc.published;
}

export async function cachedEntity(key: string): Promise<EntityDefinition | null> {
	return cache.get(key) ?? fetchEntity(key);
}

/**
 * The published definition of a workspace-wide kind (`agent-states`, `dispositions`): the template ships
 * one of each; should an admin add more, the first key in order wins. Null when none is published.
 */
export async function publishedOfKind<T>(kind: string): Promise<T | null> {
	const heads = (await get<DefinitionSummary[]>(`/definitions?kind=${encodeURIComponent(kind)}`)).filter((d) => d.version > 0);
	if (!heads.length) return null;
	const doc = await get<{ published: T | null }>(`/definitions/${encodeURIComponent(kind)}/${encodeURIComponent(heads[0]!.key)}`);
	return doc.published;
}
