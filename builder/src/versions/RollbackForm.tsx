import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../api/definitions';

interface Props {
  version: VersionSummary;
  current: number;
  hasDraft: boolean;
  message: string;
  onMessage(message: string): void;
}

export function RollbackForm({ version, current, hasDraft, message, onMessage }: Props) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p>{t('versions.rollbackExplain', { version: version.version, next: current + 1 })}</p>
      {hasDraft && <p className="notice">{t('versions.rollbackDraft')}</p>}
      <label className="stack-label">
        {t('publish.message')}
        <input value={message} onChange={(e) => onMessage(e.target.value)} data-testid="rollback-message" />
      </label>
    </div>
  );
}
