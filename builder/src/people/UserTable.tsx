import { useTranslation } from 'react-i18next';
import type { PublicUser, TeamJson } from '../api/org';
import { useLocale } from '../i18n';
import { teamPath } from './team-tree';
import type { RoleOption } from './UserDialog';

interface Props {
  users: PublicUser[];
  roles: RoleOption[];
  teams: TeamJson[];
  selfId: string | undefined;
  onEdit(user: PublicUser): void;
}

export function UserTable({ users, roles, teams, selfId, onEdit }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const roleName = (key: string) => roles.find((r) => r.key === key);
  return (
    <table className="table" data-testid="user-table">
      <thead>
        <tr>
          <th>{t('people.name')}</th>
          <th>{t('people.login')}</th>
          <th>{t('people.role')}</th>
          <th>{t('people.team')}</th>
          <th>{t('people.status')}</th>
          <th>
            <span className="sr-only">{t('versions.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => {
          const role = roleName(u.role);
          return (
            <tr key={u.id} className={u.disabled ? 'disabled-row' : undefined} data-testid="user-row" data-login={u.login}>
              <td>
                {u.name} {u.id === selfId && <span className="badge">{t('people.you')}</span>}
              </td>
              <td>
                <code>{u.login}</code>
              </td>
              <td data-testid="user-role-cell" data-role={u.role}>
                {role && !role.unpublished ? role.name : <span title={t('people.roleUnpublishedHint')}>{u.role} ⚠</span>}
              </td>
              <td className={u.teamId ? undefined : 'muted'}>{u.teamId ? teamPath(teams, u.teamId, locale) || '?' : '—'}</td>
              <td data-testid="user-status" data-disabled={u.disabled ? 'true' : 'false'}>
                {u.disabled ? <span className="badge danger">{t('people.disabled')}</span> : <span className="badge success">{t('people.active')}</span>}
              </td>
              <td className="nowrap">
                <button type="button" className="small" onClick={() => onEdit(u)} data-testid={`edit-user-${u.login}`}>
                  {t('people.edit')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
