import type { DashboardDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { checkDashboard } from './checks.js';
import { dashboardSchema } from './schema.js';
import { texts } from './texts.js';

/**
 * A dashboard: a grid of published reports with shared filters, for some roles. Not read through the definitions API
 * by everyone: readers get the ones for their role from GET /api/dashboards (runtime/src/dashboards/).
 */
export const dashboardKind: DefinitionKindSpec<'dashboard', DashboardDefinition> = {
  kind: 'dashboard', slug: 'dashboards', schema: dashboardSchema, texts,
  check: (def, { locale }) => checkDashboard(def, locale),
};
