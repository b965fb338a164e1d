import { del, get, post, qs } from './client';
import type { SavedFilter } from './types';

export function listSavedFilters(entity: string): Promise<SavedFilter[]> {
	return get<SavedFilter[]>(`/saved-filters${qs({ entity })}`);
}

export function saveFilter(entry: Omit<SavedFilter, 'id'>): Promise<SavedFilter> {
	// the server takes absent, not null, for "no filter / no search / default sort"
	const body = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== null && v !== undefined && v !== ''));
	return post<SavedFilter>('/saved-filters', body);
}

export function deleteSavedFilter(id: string): Promise<void> {
	return del(`/saved-filters/${encodeURIComponent(id)}`);
}
