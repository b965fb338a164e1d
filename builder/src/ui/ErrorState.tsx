import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Full-area error: says whether the network, the permission or the server failed, and offers a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const e = error instanceof ApiError ? error : null;
  const title =
    e?.status === 0 ? t('error.network') : e?.status === 403 ? t('error.forbidden') : e?.status === 404 ? t('error.notFound') : t('error.server');
  return (
    <div className="state state-error" role="alert" data-testid="error-state">
      <strong>{title}</strong>
      {e && e.status !== 0 && <p className="muted">{e.message}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}
