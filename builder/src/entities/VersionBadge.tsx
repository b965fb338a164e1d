import { useTranslation } from 'react-i18next';

export function VersionBadge({ version, hasDraft }: { version: number; hasDraft: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {version > 0 ? (
        <span className="badge" data-testid="version-badge">
          v{version}
        </span>
      ) : (
        <span className="badge muted" data-testid="version-badge">
          {t('entities.unpublished')}
        </span>
      )}
      {hasDraft && (
        <span className="badge draft" data-testid="draft-badge">
          {t('entities.draft')}
        </span>
      )}
    </span>
  );
}
