import { LoginPage } from '../auth/LoginPage';
import { NoAccess } from '../auth/NoAccess';
import { useSession } from '../auth/session';
import { EntityDesigner } from '../designer/EntityDesigner';
import { EntityList } from '../entities/EntityList';
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
  if (!session.me.permissions.manageDefinitions) return <NoAccess />;
  return (
    <AppShell route={route}>
      {route.page === 'entities' && <EntityList />}
      {route.page === 'designer' && <EntityDesigner key={route.key} entityKey={route.key} />}
      {route.page === 'versions' && <VersionsPage key={route.key} entityKey={route.key} />}
    </AppShell>
  );
}
