import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { errorMessage } from '../ui/errors';
import type { SaveState } from '../hooks/use-definition-draft';

export function SaveStatus({ state, error }: { state: SaveState; error: ApiError | null }) {
  const { t } = useTranslation();
  return (
    <span className={`save-status ${state}`} role="status" aria-live="polite" data-testid="save-status" data-state={state} title={state === 'error' && error ? errorMessage(error, t) : undefined}>
      {t(`save.${state}`)}
      {state === 'error' && error && <span className="small"> — {errorMessage(error, t)}</span>}
    </span>
  );
}
