// Names behind ids (user fields, reference fields), fetched once per page load and shared by every cell.
// Reads are reactive: a cell renders the id first and its name as soon as it arrives.
import { SvelteMap } from 'svelte/reactivity';
import { localize, type Locale } from '@telesales/schemas';
import { _ } from 'svelte-i18n';
import { get as read } from 'svelte/store';
import { skillGroups } from '$lib/api/calls';
import type { SkillGroupJson } from '$lib/api/calls';
import { cachedEntity } from '$lib/api/definitions';
import { getRecord } from '$lib/api/records';
import type { PublicUser } from '$lib/api/types';
import { listUsers } from '$lib/api/users';
import { titleKey } from '$lib/records/title';

const users = new SvelteMap<string, PublicUser>();
let usersRequested = false;

function requestUsers(): void {
	if (usersRequested) return;
	usersRequested = true;
	listUsers()
		.then((list) => list.forEach((u) => users.set(u.id, u)))
		.catch(() => {
			usersRequested = false;
		});
}

/** The runtime acts as "system" (automatic distribution, imports): it is named in the UI language. */
export const SYSTEM_ID = 'system';

export function userName(id: string): string {
	if (id === SYSTEM_ID) return read(_)('common.system');
	requestUsers();
	return users.get(id)?.name ?? id;
}

const groups = new SvelteMap<string, SkillGroupJson>();
let groupsRequested = false;

/** A skill group (queue) by its key, named in the UI language: 销售组, not "sales". */
export function skillGroupName(key: string, locale: Locale): string {
	if (!groupsRequested) {
		groupsRequested = true;
		skillGroups()
			.then((list) => list.forEach((g) => groups.set(g.key, g)))
			.catch(() => {
				groupsRequested = false;
			});
	}
	const group = groups.get(key);
	return group ? localize(group.name, locale) || key : key;
}

export function allUsers(): PublicUser[] {
	requestUsers();
	return [...users.values()];
}

const titles = new SvelteMap<string, string>();
const requested = new Set<string>();

export function referenceTitle(entity: string, id: string): string {
	const key = `${entity}/${id}`;
	if (!requested.has(key) && entity) {
		requested.add(key);
		void loadTitle(entity, id).then((title) => titles.set(key, title));
	}
	return titles.get(key) ?? id.slice(0, 8);
}

/** Remember a title we already know (a record just picked in a reference input). */
export function rememberTitle(entity: string, id: string, title: string): void {
	requested.add(`${entity}/${id}`);
	titles.set(`${entity}/${id}`, title);
}

async function loadTitle(entity: string, id: string): Promise<string> {
	try {
		const [definition, record] = await Promise.all([cachedEntity(entity), getRecord(entity, id)]);
		const key = definition ? titleKey(definition) : undefined;
		const title = key ? record.values[key] : undefined;
		return title === undefined || title === null || title === '' ? id.slice(0, 8) : String(title);
	} catch {
		// outside the reader's scope or deleted: the id is all we may show
		return id.slice(0, 8);
	}
}
