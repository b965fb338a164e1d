import { LoginPage } from '../auth/LoginPage';
import { AccessNote, NoAccess } from '../auth/NoAccess';
import { useSession } from '../auth/session';
import { AgentStatesEditor } from '../calls/AgentStatesEditor';
import { DispositionsEditor } from '../calls/DispositionsEditor';
import { EntityDesigner } from '../designer/EntityDesigner';
import { DefinitionList } from '../entities/DefinitionList';
import { FlowEditor } from '../flows/FlowEditor';
import { PeoplePage } from '../people/PeoplePage';
import { PoolEditor } from '../pools/PoolEditor';
import { PoolsPage } from '../pools/PoolsPage';
import { RoleEditor } from '../roles/RoleEditor';
import { SkillGroupsPage } from '../skill-groups/SkillGroupsPage';
import { TicketsPage } from '../tickets/TicketsPage';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { VersionsPage } from '../versions/VersionsPage';
import { AppShell } from './AppShell';
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
  return (
    <AppShell route={page === route.page ? route : { page: 'people' }}>
      {needsDefinitions && !manageDefinitions ? (
        <AccessNote right="manageDefinitions" />
      ) : (
        <>
          {page === 'entities' && <DefinitionList kind="entity" />}
          {route.page === 'designer' && <EntityDesigner key={route.key} entityKey={route.key} />}
          {route.page === 'versions' && <VersionsPage key={`entity:${route.key}`} kind="entity" defKey={route.key} />}
          {route.page === 'roles' && <DefinitionList kind="role" />}
          {route.page === 'role' && <RoleEditor key={route.key} roleKey={route.key} />}
          {route.page === 'roleVersions' && <VersionsPage key={`role:${route.key}`} kind="role" defKey={route.key} />}
          {route.page === 'pools' && <PoolsPage />}
          {route.page === 'pool' && <PoolEditor key={route.key} poolKey={route.key} />}
          {route.page === 'poolVersions' && <VersionsPage key={`pool:${route.key}`} kind="pool" defKey={route.key} />}
          {route.page === 'flows' && <DefinitionList kind="flow" />}
          {route.page === 'flow' && <FlowEditor key={route.key} flowKey={route.key} />}
          {route.page === 'flowVersions' && <VersionsPage key={`flow:${route.key}`} kind="flow" defKey={route.key} />}
          {route.page === 'dispositionsList' && <DefinitionList kind="dispositions" />}
          {route.page === 'dispositions' && <DispositionsEditor key={route.key} defKey={route.key} />}
          {route.page === 'dispositionsVersions' && <VersionsPage key={`dispositions:${route.key}`} kind="dispositions" defKey={route.key} />}
          {route.page === 'agentStatesList' && <DefinitionList kind="agent-states" />}
          {route.page === 'agentStates' && <AgentStatesEditor key={route.key} defKey={route.key} />}
          {route.page === 'agentStatesVersions' && <VersionsPage key={`agent-states:${route.key}`} kind="agent-states" defKey={route.key} />}
          {route.page === 'tickets' && <TicketsPage />}
          {page === 'people' && (manageUsers ? <PeoplePage /> : <AccessNote right="manageUsers" />)}
          {route.page === 'skillGroups' && (manageUsers ? <SkillGroupsPage /> : <AccessNote right="manageUsers" />)}
        </>
      )}
    </AppShell>
  );
}
