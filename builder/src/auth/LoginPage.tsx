import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { login } from '../api/auth';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { errorMessage } from '../ui/errors';
import { useSession } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      session.signedIn(await login(name.trim(), password));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form" aria-label={t('login.title')}>
        <div className="login-head">
          <h1>{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('login.subtitle')}</p>
        {session.expired && <p className="notice">{t('login.expired')}</p>}
        <label>
          {t('login.login')}
          <input
            name="login"
            autoComplete="username"
            autoFocus
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="login-name"
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
