import type { DashboardDefinition, Locale, ValidationIssue } from '@telesales/schemas';
import type { Db } from 'mongodb';
import type { DefinitionStore } from '../definitions/store.js';
import { teamsCollection } from '../org/teams.js';
import { text } from './messages.js';

/**
 * What a dashboard names outside itself must exist when it is published: each tile's report (published), each role,
 * the default team and task of its filters. Tiles on top of each other are the kind's own check (schemas).
 */
export async function checkDashboardReferences(
  definitions: DefinitionStore, db: Db, def: DashboardDefinition, locale: Locale,
): Promise<ValidationIssue[]> {
  const out: ValidationIssue[] = [];
  for (const [i, tile] of def.tiles.entries()) {
    if (!(await definitions.getPublished('report', tile.report))) {
      out.push({ path: `/tiles/${i}/report`, code: 'dashboard_unknown_report', message: text('dashboard_unknown_report', locale, { report: tile.report }) });
    }
  }
  for (const [i, role] of def.roles.entries()) {
    if (!(await definitions.getPublished('role', role))) {
      out.push({ path: `/roles/${i}`, code: 'dashboard_unknown_role', message: text('dashboard_unknown_role', locale, { role }) });
    }
  }
  const team = def.filters?.team?.default;
  if (team && !(await teamsCollection(db).findOne({ _id: team }, { projection: { _id: 1 } }))) {
    out.push({ path: '/filters/team/default', code: 'dashboard_unknown_team', message: text('dashboard_unknown_team', locale, { team }) });
  }
  const task = def.filters?.task?.default;
  if (task && !(await definitions.getPublished('campaign', task))) {
    out.push({ path: '/filters/task/default', code: 'dashboard_unknown_task', message: text('dashboard_unknown_task', locale, { task }) });
  }
  return out;
}
