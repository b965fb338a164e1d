import { useTranslation } from 'react-i18next';
import { useSession } from './session';

/** A logged-in user whose role cannot manage definitions: say so instead of showing failing screens. */
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
