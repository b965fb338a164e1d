import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import type { PublicUser, TeamJson } from '../api/org';
import { useLocale } from '../i18n';
import type { TeamDialogMode } from './TeamDialog';
import { flattenTeams } from './team-tree';

interface Props {
  teams: TeamJson[];
  users: PublicUser[];
  onAction(action: TeamDialogMode): void;
}

/** The team hierarchy as an indented list; each team can be renamed, moved or given a sub-team. */
export function TeamTree({ teams, users, onAction }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const members = new Map<string, number>();
  for (const u of users) if (u.teamId) members.set(u.teamId, (members.get(u.teamId) ?? 0) + 1);
  const nodes = flattenTeams(teams, locale);
  if (nodes.length === 0)
    return (
      <div className="state empty small" data-testid="teams-empty">
        <strong>{t('teams.empty')}</strong>
        <p className="muted">{t('teams.emptyHint')}</p>
      </div>
    );
  return (
    <ul className="team-tree" role="tree" aria-label={t('teams.title')} data-testid="team-tree">
      {nodes.map(({ team, depth }) => {
        const name = localize(team.name, locale) || team.key;
        return (
          <li
            key={team.id}
            role="treeitem"
            aria-level={depth + 1}
            aria-selected={false}
            className="team-node"
            style={{ paddingLeft: 8 + depth * 20 }}
            data-testid="team-node"
            data-key={team.key}
            data-depth={depth}
          >
            <span className="team-branch" aria-hidden="true">
              {depth > 0 ? '└' : '▪'}
            </span>
            <span className="team-name" data-testid="team-name">
              {name}
            </span>
            <code className="muted small">{team.key}</code>
            <span className="badge muted" title={t('teams.membersHint')}>
              {t('teams.members', { count: members.get(team.id) ?? 0 })}
            </span>
            <span className="team-actions">
              <button type="button" className="small ghost" onClick={() => onAction({ mode: 'rename', team })} data-testid={`team-rename-${team.key}`} aria-label={`${t('teams.rename')}: ${name}`}>
                {t('teams.rename')}
              </button>
              <button type="button" className="small ghost" onClick={() => onAction({ mode: 'move', team })} data-testid={`team-move-${team.key}`} aria-label={`${t('teams.move')}: ${name}`}>
                {t('teams.move')}
              </button>
              <button
                type="button"
                className="small ghost"
                onClick={() => onAction({ mode: 'create', parentId: team.id })}
                data-testid={`team-add-${team.key}`}
                aria-label={t('teams.addBelow', { name })}
                title={t('teams.addBelow', { name })}
              >
                +
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
