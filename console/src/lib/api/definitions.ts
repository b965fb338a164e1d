import type { EntityDefinition } from '@telesales/schemas';
import { get } from './client';
import type { DefinitionDoc, DefinitionSummary } from './types';

export function listEntities(): Promise<DefinitionSummary[]> {
	return get<DefinitionSummary[]>('/definitions?kind=entity');
}

// Published definitions are cached by key+version for lookups that happen per cell (reference titles);
// pages always fetch fresh so an agent sees a field the moment it is published.
const cache = new Map<string, EntityDefinition>();

export async function fetchEntity(key: string): Promise<EntityDefinition | null> {
	const doc = await get<DefinitionDoc>(`/definitions/entity/${encodeURIComponent(key)}`);
	if (doc.published) cache.set(key, doc.published);
	return doc.published;
}

export async function cachedEntity(key: string): Promise<EntityDefinition | null> {
	return cache.get(key) ?? fetchEntity(key);
}
