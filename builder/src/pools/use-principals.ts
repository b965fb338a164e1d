import { localize } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { listTeams, listUsers } from '../api/org';
import { useAsync } from '../hooks/use-async';
import { useLocale } from '../i18n';
import { flattenTeams, indentedName, teamPath } from '../people/team-tree';
import type { Principal, PrincipalType } from './pool-ops';

export interface PrincipalOption {
  ref: string;
  /** Team key, role key or login: stable across installs (ids are not), for tests and tooltips. */
  key: string;
  /** Text in a picker (teams indented by depth). */
  text: string;
}

export interface Principals {
  options: Record<PrincipalType, PrincipalOption[]>;
  /** Readable name of a chosen principal; null when the person, team or role no longer exists. */
  nameOf(p: Principal): string | null;
  loading: boolean;
  /** Which of the three lists could not be loaded (e.g. no right to list people). */
  failed: PrincipalType[];
  reload(): void;
}

/** People, teams and published roles a pool's members and admins are chosen from. */
export function usePrincipals(): Principals {
  const locale = useLocale();
  const users = useAsync(listUsers, []);
  const teams = useAsync(listTeams, []);
  const roles = useAsync(() => listDefinitions('role'), []);

  const teamList = teams.data ?? [];
  const options: Record<PrincipalType, PrincipalOption[]> = {
    user: (users.data ?? [])
      .filter((u) => !u.disabled)
      .map((u) => ({ ref: u.id, key: u.login, text: `${u.name} (${u.login})` }))
      .sort((a, b) => a.text.localeCompare(b.text)),
    team: flattenTeams(teamList, locale).map((n) => ({ ref: n.team.id, key: n.team.key, text: indentedName(n, locale) })),
    role: (roles.data ?? []).filter((r) => r.version > 0).map((r) => ({ ref: r.key, key: r.key, text: localize(r.label, locale) || r.key })),
  };
  const nameOf = (p: Principal): string | null => {
    if (p.type === 'team') return teamList.some((t) => t.id === p.ref) ? teamPath(teamList, p.ref, locale) : null;
    if (p.type === 'user') {
      const u = users.data?.find((x) => x.id === p.ref);
      return u ? u.name : null;
    }
    return options.role.find((r) => r.ref === p.ref)?.text ?? null;
  };
  const failed = (['user', 'team', 'role'] as const).filter((k) => ({ user: users, team: teams, role: roles })[k].error != null);
  return {
    options,
    nameOf,
    loading: users.loading || teams.loading || roles.loading,
    failed,
    reload: () => {
      users.reload();
      teams.reload();
      roles.reload();
    },
  };
}
