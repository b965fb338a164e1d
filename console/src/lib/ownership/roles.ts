// What the signed-in person may do with ownership, read from the permissions the shell already loaded
// (the server checks every call again; these only decide which buttons to offer).
import { permission, session } from '$lib/session.svelte';

/** Supervisors (team or wider data scope) and workspace admins review lost/invalid requests. */
export function canReview(): boolean {
	const me = session.me;
	if (!me) return false;
	if (me.permissions.manageDefinitions) return true;
	return Object.values(me.permissions.entities).some((p) => p.read && p.update && p.dataScope && p.dataScope !== 'own');
}

/** "All" lists every record in the reader's scope: only useful beyond their own (team or all). */
export function seesBeyondOwn(entity: string): boolean {
	const p = permission(entity);
	return !!p.read && !!p.dataScope && p.dataScope !== 'own';
}

export function isWorkspaceAdmin(): boolean {
	return !!session.me?.permissions.manageDefinitions;
}

/** Supervisors and admins: live monitoring (the wallboard, listening in on their team's calls). */
export function canMonitor(): boolean {
	return !!session.me?.permissions.monitor;
}
