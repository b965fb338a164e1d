import type { LocalText, SkillGroupJson } from '@telesales/schemas';
import { api } from './client';

export type { SkillGroupJson };

export const listSkillGroups = () => api<SkillGroupJson[]>('GET', '/api/skill-groups');
/** Creates the group or replaces it whole (PUT by key): name and members. */
export const saveSkillGroup = (key: string, group: { name: LocalText; members: string[] }) =>
  api<SkillGroupJson>('PUT', `/api/skill-groups/${encodeURIComponent(key)}`, group);
/** Refused (409 skill_group_in_use, naming the flows) while a published flow rings the group. */
export const deleteSkillGroup = (key: string) => api<void>('DELETE', `/api/skill-groups/${encodeURIComponent(key)}`);
