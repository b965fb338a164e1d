import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { listTeams, listUsers, type PublicUser } from '../api/org';
import { useAsync } from '../hooks/use-async';
import { useSession } from '../auth/session';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { TeamDialog, type TeamDialogMode } from './TeamDialog';
import { TeamTree } from './TeamTree';
import { UserDialog, type RoleOption } from './UserDialog';
import { UserTable } from './UserTable';

/** Users (table, create, edit) and teams (tree, create, rename, move): for roles with the manage-users right. */
export function PeoplePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { me } = useSession();
  const users = useAsync(listUsers, []);
  const teams = useAsync(listTeams, []);
  // People who manage users may list the published roles (designers also see drafts, filtered out below).
  const roleDefs = useAsync(() => listDefinitions('role'), []);
  const [userDialog, setUserDialog] = useState<{ user?: PublicUser } | null>(null);
  const [teamDialog, setTeamDialog] = useState<TeamDialogMode | null>(null);
  const [query, setQuery] = useState('');
  const [flash, setFlash] = useState<string | null>(null);

  const roles = useMemo((): RoleOption[] => {
    const published = (roleDefs.data ?? []).filter((r) => r.version > 0).map((r) => ({ key: r.key, name: localize(r.label, locale) || r.key }));
    const known = new Set(published.map((r) => r.key));
    const extra = [...new Set((users.data ?? []).map((u) => u.role))]
      .filter((k) => !known.has(k))
      .map((k) => ({ key: k, name: k, unpublished: (roleDefs.data ?? []).length > 0 }));
    return [...published, ...extra].sort((a, b) => a.name.localeCompare(b.name));
  }, [roleDefs.data, users.data, locale]);

  const q = query.trim().toLowerCase();
  const shownUsers = (users.data ?? []).filter((u) => !q || u.name.toLowerCase().includes(q) || u.login.includes(q));

  return (
    <div className="people-page" data-testid="people-page">
      <div className="page-head">
        <div>
          <h1>{t('people.title')}</h1>
          <p className="muted small page-intro">{t('people.intro')}</p>
        </div>
      </div>
      {flash && (
        <div className="toast" role="status" data-testid="people-saved" onAnimationEnd={() => setFlash(null)}>
          {flash}
        </div>
      )}
      <div className="people-body">
        <section className="pane" aria-labelledby="users-title" data-testid="users-pane">
          <div className="pane-head">
            <h2 id="users-title">
              {t('people.users')} {users.data && <span className="muted">({users.data.length})</span>}
            </h2>
            <input
              type="search"
              className="search"
              placeholder={t('people.search')}
              aria-label={t('people.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="user-search"
            />
            <button type="button" className="primary small" onClick={() => setUserDialog({})} disabled={!users.data || !teams.data} data-testid="new-user">
              + {t('people.newUser')}
            </button>
          </div>
          <div className="pane-scroll">
            {users.loading && !users.data && <Loading />}
            {users.error != null && <ErrorState error={users.error} onRetry={users.reload} />}
            {users.data && users.data.length === 0 && (
              <div className="state empty" data-testid="users-empty">
                <strong>{t('people.empty')}</strong>
              </div>
            )}
            {users.data && users.data.length > 0 && shownUsers.length === 0 && (
              <div className="state empty small" data-testid="users-no-match">
                {t('people.noMatch', { query })}
              </div>
            )}
            {shownUsers.length > 0 && (
              <UserTable users={shownUsers} roles={roles} teams={teams.data ?? []} selfId={me?.user.id} onEdit={(user) => setUserDialog({ user })} />
            )}
          </div>
        </section>
        <section className="pane" aria-labelledby="teams-title" data-testid="teams-pane">
          <div className="pane-head">
            <h2 id="teams-title">{t('teams.title')}</h2>
            <button type="button" className="primary small" onClick={() => setTeamDialog({ mode: 'create', parentId: null })} disabled={!teams.data} data-testid="new-team">
              + {t('teams.new')}
            </button>
          </div>
          <div className="pane-scroll">
            {teams.loading && !teams.data && <Loading />}
            {teams.error != null && <ErrorState error={teams.error} onRetry={teams.reload} />}
            {teams.data && <TeamTree teams={teams.data} users={users.data ?? []} onAction={setTeamDialog} />}
          </div>
        </section>
      </div>
      {userDialog && (
        <UserDialog
          user={userDialog.user}
          roles={roles}
          teams={teams.data ?? []}
          selfId={me?.user.id}
          onClose={() => setUserDialog(null)}
          onSaved={(user) => {
            setUserDialog(null);
            setFlash(t(userDialog.user ? 'people.savedUser' : 'people.createdUser', { name: user.name }));
            users.reload();
          }}
        />
      )}
      {teamDialog && (
        <TeamDialog
          action={teamDialog}
          teams={teams.data ?? []}
          onClose={() => setTeamDialog(null)}
          onSaved={(team) => {
            setTeamDialog(null);
            setFlash(t('teams.saved', { name: localize(team.name, locale) || team.key }));
            teams.reload();
          }}
        />
      )}
    </div>
  );
}
