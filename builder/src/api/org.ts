import type { Locale, PublicUser, TeamJson } from '@telesales/schemas';
import { api } from './client';

export type { PublicUser, TeamJson };

export interface NewUser {
  login: string;
  name: string;
  password: string;
  role: string;
  teamId: string | null;
  locale?: Locale;
}

/** PATCH body: only what changes; password resets it. */
export type UserChanges = Partial<Pick<PublicUser, 'name' | 'role' | 'teamId' | 'disabled'>> & { locale?: Locale; password?: string };


export interface NewTeam {
  key: string;
  name: { zh: string; en: string };
  parentId: string | null;
}

export type TeamChanges = { name?: { zh: string; en: string }; parentId?: string | null };

export const listUsers = () => api<PublicUser[]>('GET', '/api/users');
export const createUser = (user: NewUser) => api<PublicUser>('POST', '/api/users', user);
export const updateUser = (id: string, changes: UserChanges) => api<PublicUser>('PATCH', `/api/users/${encodeURIComponent(id)}`, changes);
export const listTeams = () => api<TeamJson[]>('GET', '/api/teams');
export const createTeam = (team: NewTeam) => api<TeamJson>('POST', '/api/teams', team);
export const updateTeam = (id: string, changes: TeamChanges) => api<TeamJson>('PATCH', `/api/teams/${encodeURIComponent(id)}`, changes);
