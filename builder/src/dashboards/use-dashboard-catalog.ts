import type { DefinitionSummary, TeamJson } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { listTeams } from '../api/org';
import { useAsync } from '../hooks/use-async';

export interface DashboardCatalog {
  reports: DefinitionSummary[];
  roles: DefinitionSummary[];
  campaigns: DefinitionSummary[];
  teams: TeamJson[];
}

/** What a dashboard may name: published reports, roles and outbound tasks, and the teams. */
export function useDashboardCatalog() {
  return useAsync(async (): Promise<DashboardCatalog> => {
    const published = async (kind: 'report' | 'role' | 'campaign') => (await listDefinitions(kind)).filter((d) => d.version > 0);
    const [reports, roles, campaigns, teams] = await Promise.all([published('report'), published('role'), published('campaign'), listTeams()]);
    return { reports, roles, campaigns, teams };
  }, []);
}
