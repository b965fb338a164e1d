import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser, TeamJson } from '../api/org';
import { useLocale } from '../i18n';
import { teamPath } from '../people/team-tree';

interface Props {
  users: PublicUser[];
  teams: TeamJson[];
  value: string[];
  onChange(members: string[]): void;
  invalid: boolean;
}

/**
 * The members of a skill group as a checklist of users (name, login, team), searchable; the chosen stay on
 * top so a long list does not hide them. A member id no user has any more is kept and shown as unknown.
 */
export function MemberPicker({ users, teams, value, onChange, invalid }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const chosen = new Set(value);
  const q = query.trim().toLowerCase();
  const matches = (u: PublicUser) => !q || u.name.toLowerCase().includes(q) || u.login.includes(q);
  const shown = [...users.filter((u) => chosen.has(u.id)), ...users.filter((u) => !chosen.has(u.id) && matches(u))];
  const missing = value.filter((id) => !users.some((u) => u.id === id));
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((m) => m !== id));
  return (
    <div className={`member-picker${invalid ? ' has-issues' : ''}`} data-testid="skill-group-members">
      <div className="row gap">
        <input
          type="search"
          className="search"
          placeholder={t('people.search')}
          aria-label={t('people.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="member-search"
        />
        <span className="muted small" data-testid="member-count">
          {t('skillGroups.chosen', { count: value.length })}
        </span>
      </div>
      <ul className="member-list">
        {shown.map((u) => (
          <li key={u.id}>
            <label className="check-row">
              <input type="checkbox" checked={chosen.has(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} data-testid={`member-${u.login}`} />
              <span>{u.name}</span>
              <code className="muted small">{u.login}</code>
              <span className="muted small">{u.teamId ? teamPath(teams, u.teamId, locale) : t('people.noTeam')}</span>
              {u.disabled && <span className="badge danger">{t('people.disabled')}</span>}
            </label>
          </li>
        ))}
        {missing.map((id) => (
          <li key={id}>
            <label className="check-row">
              <input type="checkbox" checked onChange={() => toggle(id, false)} />
              <span className="muted">{t('skillGroups.unknownMember', { id })}</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
