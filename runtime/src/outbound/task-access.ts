import type { CampaignDefinition, Locale, SessionUser } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { teamsCollection } from '../org/teams.js';
import { text } from './messages.js';

export interface TaskAccess {
  /** Named by the task's agents (a user, their team or a team above it, their role): may see and join it. */
  member: boolean;
  /** Supervisors (a role seeing beyond their own records) and admins: start, pause, stop, pace, report. */
  manage: boolean;
}

/** What one person is to the tasks: the team path is read once for a list of tasks. */
export async function accessReader(app: FastifyInstance, user: SessionUser): Promise<(def: CampaignDefinition) => TaskAccess> {
  const permissions = await app.permissions.of(user);
  const manage = permissions.manageDefinitions || (permissions.role?.dataScope ?? 'own') !== 'own';
  const teams = user.teamId ? (await teamsCollection(app.db).findOne({ _id: user.teamId }, { projection: { path: 1 } }))?.path ?? [] : [];
  return (def) => ({
    manage,
    member: (def.agents ?? []).some((p) =>
      (p.type === 'user' && p.ref === user.id) || (p.type === 'role' && p.ref === user.role) || (p.type === 'team' && teams.includes(p.ref))),
  });
}

export async function publishedTask(app: FastifyInstance, key: string, locale: Locale): Promise<CampaignDefinition> {
  const def = (await app.definitions.getPublished('campaign', key)) as CampaignDefinition | null;
  if (!def) throw new ApiError(404, 'not_found', text('task_not_found', locale, { task: key }));
  return def;
}

/**
 * The task and what the reader is to it; `need` refuses the rest. An agent not in the task gets 404 (it is not
 * theirs to know of), a member who tries to manage gets 403.
 */
export async function taskFor(app: FastifyInstance, user: SessionUser, key: string, locale: Locale, need: 'see' | 'member' | 'manage') {
  const def = await publishedTask(app, key, locale);
  const access = (await accessReader(app, user))(def);
  if (!access.member && !access.manage) throw new ApiError(404, 'not_found', text('task_not_found', locale, { task: key }));
  if (need === 'manage' && !access.manage) throw new ApiError(403, 'forbidden', text('forbidden_manage', locale));
  if (need === 'member' && !access.member) throw new ApiError(403, 'forbidden', text('not_task_agent', locale));
  return { def, access };
}
