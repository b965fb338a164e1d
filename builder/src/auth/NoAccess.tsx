import { useTranslation } from 'react-i18next';
import { useSession } from './session';

/** A logged-in user whose role can neither manage definitions nor users: say so instead of showing failing screens. */
export function NoAccess() {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  return (
    <main className="login-page">
      <div className="login-card" role="alert" data-testid="no-access">
        <h1>{t('noAccess.title')}</h1>
        <p>{t('noAccess.body', { name: me?.user.name ?? '', role: me?.user.role ?? '' })}</p>
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
  return (
    <div className="state access-note" role="note" data-testid="no-access-note" data-right={right}>
      <strong>{t('noAccess.areaTitle')}</strong>
      <p className="muted">{t(`noAccess.${right}`, { role: me?.user.role ?? '' })}</p>
    </div>
  );
}
