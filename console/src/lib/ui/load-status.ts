// The states of a page that loads one thing (a record, a call, a definition) by its id.
import { ApiError } from '$lib/api/client';

export type LoadStatus = 'loading' | 'ready' | 'not-found' | 'error';

/** A 404 and a 403 both read "not found or no access": the server does not say which. */
export function isNotFound(e: unknown): boolean {
	return e instanceof ApiError && (e.status === 404 || e.status === 403);
}

/** The status a failed load shows: "not found" for a 404 / 403, an error (with its message) otherwise. */
export function failedStatus(e: unknown): 'not-found' | 'error' {
	return isNotFound(e) ? 'not-found' : 'error';
}
