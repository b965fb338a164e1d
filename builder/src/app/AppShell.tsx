import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { routeHref, type Route } from './use-hash-route';

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={routeHref({ page: 'entities' })}>
          {t('app.name')}
        </a>
        <nav aria-label={t('app.nav')}>
          <a
            href={routeHref({ page: 'entities' })}
            aria-current={route.page === 'entities' ? 'page' : undefined}
            data-testid="nav-entities"
          >
            {t('nav.entities')}
          </a>
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
