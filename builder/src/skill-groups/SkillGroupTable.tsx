import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import type { PublicUser, TeamJson } from '../api/org';
import type { SkillGroupJson } from '../api/skill-groups';
import { useLocale } from '../i18n';
import { teamPath } from '../people/team-tree';

interface Props {
  groups: SkillGroupJson[];
  users: PublicUser[];
  teams: TeamJson[];
  onEdit(group: SkillGroupJson): void;
  onDelete(group: SkillGroupJson): void;
}

/** One row per group: its name in the UI language, key, and members by name with their team. */
export function SkillGroupTable({ groups, users, teams, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const byId = new Map(users.map((u) => [u.id, u]));
  return (
    <table className="table bordered" data-testid="skill-group-table">
      <thead>
        <tr>
          <th>{t('skillGroups.name')}</th>
          <th>{t('field.key')}</th>
          <th>{t('skillGroups.members')}</th>
          <th>
            <span className="sr-only">{t('versions.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const name = localize(g.name, locale) || g.key;
          return (
            <tr key={g.key} data-testid="skill-group-row" data-key={g.key}>
              <td data-testid="skill-group-row-name">{name}</td>
              <td>
                <code>{g.key}</code>
              </td>
              <td data-testid="skill-group-row-members">
                {g.members.length === 0 && <span className="muted">{t('skillGroups.noMembers')}</span>}
                <span className="member-chips">
                  {g.members.map((id) => {
                    const u = byId.get(id);
                    const team = u?.teamId ? teamPath(teams, u.teamId, locale) : '';
                    return (
                      <span key={id} className={`badge${u?.disabled ? ' danger' : ' muted'}`} title={team || undefined} data-testid="skill-group-member">
                        {u ? u.name : t('skillGroups.unknownMember', { id })}
                        {team && <span className="member-team"> · {team}</span>}
                      </span>
                    );
                  })}
                </span>
              </td>
              <td className="nowrap">
                <button type="button" className="small" onClick={() => onEdit(g)} data-testid={`edit-skill-group-${g.key}`} aria-label={`${t('people.edit')}: ${name}`}>
                  {t('people.edit')}
                </button>{' '}
                <button type="button" className="small ghost" onClick={() => onDelete(g)} data-testid={`delete-skill-group-${g.key}`} aria-label={`${t('skillGroups.delete')}: ${name}`}>
                  {t('skillGroups.delete')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
