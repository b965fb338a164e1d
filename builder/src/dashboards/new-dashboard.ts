import type { DashboardDefinition, LocalText } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

/** A new dashboard starts empty, for admins, with this week as the period every tile runs for. */
export function newDashboard(key: string, label: LocalText): DashboardDefinition {
  return {
    kind: 'dashboard', schemaVersion: 1, id: uuid(), key, label: label as DashboardDefinition['label'],
    tiles: [], filters: { range: { default: 'thisWeek' } }, roles: ['admin'],
  };
}
