import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {t('state.loading')}
    </div>
  );
}
