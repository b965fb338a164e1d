// Who is at the screen and what they may read: the session (GET /api/auth/me) and the entities the
// navigation offers. Shared by the shell and every page.
import { fetchMe, logout as apiLogout } from '$lib/api/auth';
import { listEntities } from '$lib/api/definitions';
import type { DefinitionSummary, EntityPermission, Me } from '$lib/api/types';
import { adoptAccountLocale } from '$lib/i18n';

export const session = $state<{ me: Me | null; entities: DefinitionSummary[] }>({ me: null, entities: [] });

const NONE: EntityPermission = { read: false, create: false, update: false, delete: false, export: false, unmask: false };

/** The user's permission on an entity ("*" is the role's default for entities it does not list). */
export function permission(entity: string): EntityPermission {
	const entities = session.me?.permissions.entities ?? {};
	return entities[entity] ?? entities['*'] ?? NONE;
}

export function roleKey(): string {
	return session.me?.user.role ?? '';
}

/** Loads the session; throws the ApiError (401 when not logged in). */
export async function loadSession(): Promise<void> {
	const me = await fetchMe();
	adoptAccountLocale(me.user.locale);
	session.me = me;
	const all = await listEntities();
	// only entities with a published version the role may read make it to the navigation
	session.entities = all.filter((e) => e.version > 0 && permission(e.key).read);
}

export async function logout(): Promise<void> {
	try {
		await apiLogout();
	} finally {
		session.me = null;
		session.entities = [];
	}
}
