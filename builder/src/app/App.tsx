import { LoginPage } from '../auth/LoginPage';
import { AccessNote, NoAccess } from '../auth/NoAccess';
import { useSession } from '../auth/session';
import { DefinitionList } from '../entities/DefinitionList';
import { PeoplePage } from '../people/PeoplePage';
import { SkillGroupsPage } from '../skill-groups/SkillGroupsPage';
import { TicketsPage } from '../tickets/TicketsPage';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { VersionsPage } from '../versions/VersionsPage';
import { AppShell } from './AppShell';
import { kindEditor } from './kind-editors';
import { useHashRoute } from './use-hash-route';

export function App() {
  const session = useSession();
  const route = useHashRoute();
  if (session.checking && !session.me) return <Loading />;
  if (session.error) return <ErrorState error={session.error} onRetry={session.retry} />;
  if (!session.me) return <LoginPage />;
  const { manageDefinitions, manageUsers } = session.me.permissions;
  if (!manageDefinitions && !manageUsers) return <NoAccess />;
  // Someone who only manages users lands on People rather than on a page they cannot use.
  const page = !manageDefinitions && !location.hash.replace(/^#\/?/, '') ? 'people' : route.page;
  // Tickets are the server's to refuse: pool admins may hold them without designing definitions.
  // Skill groups are people's business: the API lets those who manage users change them.
  const needsDefinitions = page !== 'people' && page !== 'tickets' && page !== 'skillGroups';
  // Every definition kind has the same three pages; its editor (and a list of its own, if any) is its line in kind-editors.tsx.
  const editor = 'kind' in route ? kindEditor(route.kind) : undefined;
  return (
    <AppShell route={page === route.page ? route : { page: 'people' }}>
      {needsDefinitions && !manageDefinitions ? (
        <AccessNote right="manageDefinitions" />
      ) : (
        <>
          {route.page === 'list' && page === route.page && editor && (editor.List ? <editor.List create={editor.create} /> : <DefinitionList key={route.kind} kind={route.kind} create={editor.create} />)}
          {route.page === 'editor' && editor && <editor.Editor key={`${route.kind}:${route.key}`} defKey={route.key} />}
          {route.page === 'versions' && <VersionsPage key={`${route.kind}:${route.key}`} kind={route.kind} defKey={route.key} />}
          {route.page === 'tickets' && <TicketsPage />}
          {page === 'people' && (manageUsers ? <PeoplePage /> : <AccessNote right="manageUsers" />)}
          {route.page === 'skillGroups' && (manageUsers ? <SkillGroupsPage /> : <AccessNote right="manageUsers" />)}
        </>
      )}
    </AppShell>
  );
}
