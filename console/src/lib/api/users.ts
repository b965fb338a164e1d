import { get } from './client';
import type { PublicUser } from './types';

// The user list changes rarely during a shift; one fetch per page load serves every "user" field.
let pending: Promise<PublicUser[]> | null = null;

export function listUsers(): Promise<PublicUser[]> {
	pending ??= get<PublicUser[]>('/users').catch((error) => {
		pending = null;
		throw error;
	});
	return pending;
}
