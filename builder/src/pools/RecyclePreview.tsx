import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ui/errors';
import type { PreviewState } from './use-recycle-preview';

/** "Customers that would be recycled now: N", quiet when the preview cannot be had. */
export function RecyclePreview({ state, entityName }: { state: PreviewState; entityName: string }) {
  const { t } = useTranslation();
  if (state.status === 'idle') return null;
  const shown = state.status === 'ready' ? state.data : state.status === 'loading' ? state.last : undefined;
  return (
    <div className="recycle-preview" role="status" aria-live="polite" data-testid="recycle-preview" data-state={state.status} data-total={shown?.total}>
      {shown !== undefined && (
        <span>
          {t('pools.previewTotal', { entity: entityName })} <strong data-testid="recycle-preview-total">{shown.total}</strong>
        </span>
      )}
      {state.status === 'loading' && <span className="muted small">{shown ? ' …' : t('pools.previewLoading')}</span>}
      {state.status === 'blocked' && <span className="muted small">{t('pools.previewBlocked')}</span>}
      {state.status === 'unavailable' && <span className="muted small">{t('pools.previewUnavailable')}</span>}
      {state.status === 'error' && (
        <span className="muted small" title={state.error.message}>
          {t('pools.previewFailed', { reason: errorMessage(state.error, t) })}
        </span>
      )}
    </div>
  );
}
