import { useTranslation } from 'react-i18next';
import { localize, type Me } from '@telesales/schemas';
import { useLocale } from '../i18n';
import { useSession } from './session';

/** The role by its name in the UI language (销售坐席), not its key (agent). */
function useRoleName(me: Me | null | undefined): string {
  const locale = useLocale();
  return localize(me?.roleLabel, locale) || (me?.user.role ?? '');
}

/** A logged-in user whose role can neither manage definitions nor users: say so instead of showing failing screens. */
export function NoAccess() {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const role = useRoleName(me);
  return (
    <main className="login-page">
      <div className="login-card" role="alert" data-testid="no-access">
        <h1>{t('noAccess.title')}</h1>
        <p>{t('noAccess.body', { name: me?.user.name ?? '', role })}</p>
        <div className="row gap">
          <a className="button" href="/console/">
            {t('noAccess.console')}
          </a>
          <button type="button" onClick={() => void logout()} data-testid="logout">
            {t('action.logout')}
          </button>
        </div>
      </div>
    </main>
  );
}

/** Inside the app: this area needs a right the user's role lacks (People needs manage users, the rest manage definitions). */
export function AccessNote({ right }: { right: 'manageDefinitions' | 'manageUsers' }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const role = useRoleName(me);
  return (
    <div className="state access-note" role="note" data-testid="no-access-note" data-right={right}>
      <strong>{t('noAccess.areaTitle')}</strong>
      <p className="muted">{t(`noAccess.${right}`, { role })}</p>
    </div>
  );
}
