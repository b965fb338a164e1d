import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../api/definitions';
import { useLocale } from '../i18n';

interface Props {
  versions: VersionSummary[];
  current: number;
  onCompare(version: number): void;
  onRollback(version: VersionSummary): void;
}

/** Template installs publish as the runtime itself (runtime/src/templates/install.ts). */
const SYSTEM_ID = 'system';
/** ...with the message "Template <key> <version>", which reads in the UI language here. */
const TEMPLATE_MESSAGE = /^Template (\S+) (\S+)$/;

export function VersionTable({ versions, current, onCompare, onRollback }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const message = (v: VersionSummary) => {
    const template = v.publishedBy?.id === SYSTEM_ID ? TEMPLATE_MESSAGE.exec(v.message ?? '') : null;
    if (template) return <>{t('versions.templateInstalled')} <code>{template[1]}</code> {template[2]}</>;
    return v.message || <span className="muted">—</span>;
  };
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
  return (
    <table className="table" data-testid="version-table">
      <thead>
        <tr>
          <th>{t('versions.version')}</th>
          <th>{t('versions.message')}</th>
          <th>{t('versions.by')}</th>
          <th>{t('versions.at')}</th>
          <th>
            <span className="sr-only">{t('versions.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version} data-testid="version-row" data-version={v.version}>
            <td className="nowrap">
              <span className="badge">v{v.version}</span>{' '}
              {v.version === current && <span className="badge success">{t('versions.current')}</span>}
            </td>
            <td data-testid="version-message">{message(v)}</td>
            <td data-testid="version-by">{v.publishedBy?.id === SYSTEM_ID ? t('versions.system') : (v.publishedBy?.name ?? '—')}</td>
            <td className="muted nowrap" data-testid="version-at" data-iso={v.publishedAt}>
              {when(v.publishedAt)}
            </td>
            <td className="nowrap">
              {v.version > 1 && (
                <button type="button" className="small" onClick={() => onCompare(v.version)} data-testid={`compare-${v.version}`}>
                  {t('versions.changes')}
                </button>
              )}{' '}
              {v.version !== current && (
                <button type="button" className="small" onClick={() => onRollback(v)} data-testid={`rollback-${v.version}`}>
                  {t('versions.rollback')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
