import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { routeHref, type Route } from './use-hash-route';

/** Top-level areas; each stays highlighted on its sub-pages (an entity's designer, a role's versions...). */
interface NavItem {
  key: 'entities' | 'roles' | 'pools' | 'flows' | 'dispositions' | 'agentStates' | 'tickets' | 'people' | 'skillGroups';
  page: 'entities' | 'roles' | 'pools' | 'flows' | 'dispositionsList' | 'agentStatesList' | 'tickets' | 'people' | 'skillGroups';
  pages: Route['page'][];
}
const NAV: NavItem[] = [
  { key: 'entities', page: 'entities', pages: ['entities', 'designer', 'versions'] },
  { key: 'roles', page: 'roles', pages: ['roles', 'role', 'roleVersions'] },
  { key: 'pools', page: 'pools', pages: ['pools', 'pool', 'poolVersions'] },
  { key: 'flows', page: 'flows', pages: ['flows', 'flow', 'flowVersions'] },
  { key: 'dispositions', page: 'dispositionsList', pages: ['dispositionsList', 'dispositions', 'dispositionsVersions'] },
  { key: 'agentStates', page: 'agentStatesList', pages: ['agentStatesList', 'agentStates', 'agentStatesVersions'] },
  { key: 'tickets', page: 'tickets', pages: ['tickets'] },
  { key: 'people', page: 'people', pages: ['people'] },
  { key: 'skillGroups', page: 'skillGroups', pages: ['skillGroups'] },
];

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={routeHref({ page: me?.permissions.manageDefinitions === false ? 'people' : 'entities' })}>
          {t('app.name')}
        </a>
        <nav aria-label={t('app.nav')}>
          {NAV.map((item) => (
            <a
              key={item.key}
              href={routeHref({ page: item.page })}
              aria-current={item.pages.includes(route.page) ? 'page' : undefined}
              data-testid={`nav-${item.key}`}
            >
              {t(`nav.${item.key}`)}
            </a>
          ))}
        </nav>
        <div className="topbar-right">
          <LanguageSwitch />
          <span className="user" data-testid="current-user">
            {me?.user.name}
          </span>
          <button type="button" className="ghost" onClick={() => void logout()} data-testid="logout">
            {t('action.logout')}
          </button>
        </div>
      </header>
      <main className="page">{children}</main>
    </div>
  );
}
