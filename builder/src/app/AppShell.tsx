import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { storedKinds } from '@telesales/schemas';
import type { DefinitionKind } from '../api/definitions';
import { useSession } from '../auth/session';
import { kindText, listTexts } from '../entities/kind-texts';
import { useLocale } from '../i18n';
import { kindEditor } from './kind-editors';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { routeHref, type Route } from './use-hash-route';

/** Top-level areas; each stays highlighted on its sub-pages (an entity's designer, a role's versions...). */
interface NavItem {
  /** The test id's name: the kind's list texts section, or the page. */
  key: string;
  label: string;
  href: string;
  current(route: Route): boolean;
}
const OTHER_PAGES = ['tickets', 'people', 'skillGroups'] as const;

/** One item per definition kind the builder has an editor for, in the table's order, then the other pages. */
function navItems(t: (key: string) => string, locale: 'zh' | 'en'): NavItem[] {
  const kinds = storedKinds().map((spec) => spec.kind as DefinitionKind).filter((kind) => kindEditor(kind));
  return [
    ...kinds.map((kind) => ({
      key: listTexts(kind), label: kindText(kind, 'plural', locale), href: routeHref({ page: 'list', kind }),
      current: (route: Route) => 'kind' in route && route.kind === kind,
    })),
    ...OTHER_PAGES.map((page) => ({ key: page, label: t(`nav.${page}`), href: routeHref({ page }), current: (route: Route) => route.page === page })),
  ];
}

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { me, logout } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={routeHref(me?.permissions.manageDefinitions === false ? { page: 'people' } : { page: 'list', kind: 'entity' })}>
          {t('app.name')}
        </a>
        <nav aria-label={t('app.nav')}>
          {navItems(t, locale).map((item) => (
            <a key={item.key} href={item.href} aria-current={item.current(route) ? 'page' : undefined} data-testid={`nav-${item.key}`}>
              {item.label}
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
