import type { LocalText } from '@telesales/schemas';
import { api } from './client';

/** A skill group: the agents a flow's queue (or a transfer to the group) rings. Members are user ids. */
export interface SkillGroup {
  id: string;
  key: string;
  name: LocalText;
  members: string[];
}

export const listSkillGroups = () => api<SkillGroup[]>('GET', '/api/skill-groups');
/** Creates the group or replaces it whole (PUT by key): name and members. */
export const saveSkillGroup = (key: string, group: { name: LocalText; members: string[] }) =>
  api<SkillGroup>('PUT', `/api/skill-groups/${encodeURIComponent(key)}`, group);
/** Refused (409 skill_group_in_use, naming the flows) while a published flow rings the group. */
export const deleteSkillGroup = (key: string) => api<void>('DELETE', `/api/skill-groups/${encodeURIComponent(key)}`);
