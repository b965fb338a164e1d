import { get } from './client';
import type { UserSummary } from './types';

// The user list changes rarely during a shift; one fetch per page load serves every "user" field.
let pending: Promise<UserSummary[]> | null = null;

export function listUsers(): Promise<UserSummary[]> {
	pending ??= get<UserSummary[]>('/users').catch((error) => {
		pending = null;
		throw error;
	});
	return pending;
}
