import type { Locale, PublicUser, TeamJson } from '@telesales/schemas';
import { api } from './client';

/** A person as GET /api/users answers (no locale, no password data). */
export type OrgUser = PublicUser;
export type Team = TeamJson;

export interface NewUser {
  login: string;
  name: string;
  password: string;
  role: string;
  teamId: string | null;
  locale?: Locale;
}

/** PATCH body: only what changes; password resets it. */
export type UserChanges = Partial<Pick<OrgUser, 'name' | 'role' | 'teamId' | 'disabled'>> & { locale?: Locale; password?: string };


export interface NewTeam {
  key: string;
  name: { zh: string; en: string };
  parentId: string | null;
}

export type TeamChanges = { name?: { zh: string; en: string }; parentId?: string | null };

export const listUsers = () => api<OrgUser[]>('GET', '/api/users');
export const createUser = (user: NewUser) => api<OrgUser>('POST', '/api/users', user);
export const updateUser = (id: string, changes: UserChanges) => api<OrgUser>('PATCH', `/api/users/${encodeURIComponent(id)}`, changes);
export const listTeams = () => api<Team[]>('GET', '/api/teams');
export const createTeam = (team: NewTeam) => api<Team>('POST', '/api/teams', team);
export const updateTeam = (id: string, changes: TeamChanges) => api<Team>('PATCH', `/api/teams/${encodeURIComponent(id)}`, changes);
