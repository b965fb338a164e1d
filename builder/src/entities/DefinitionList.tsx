import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { navigate, routeHref } from '../app/use-hash-route';
import { useAsync } from '../app/use-async';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { NewEntityDialog } from './NewEntityDialog';
import { VersionBadge } from './VersionBadge';

export function EntityList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useAsync(() => listDefinitions('entity'), []);
  const [creating, setCreating] = useState(false);
  const items = [...(list.data ?? [])].sort((a, b) => a.key.localeCompare(b.key));

  return (
    <section className="entity-list" aria-labelledby="entities-title">
      <div className="page-head">
        <h1 id="entities-title">{t('entities.title')}</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-entity">
          {t('entities.new')}
        </button>
      </div>
      {list.loading && !list.data && <Loading />}
      {list.error != null && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 && (
        <div className="state empty" data-testid="entities-empty">
          <strong>{t('entities.empty')}</strong>
          <p className="muted">{t('entities.emptyHint')}</p>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('entities.new')}
          </button>
        </div>
      )}
      {items.length > 0 && (
        <table className="table" data-testid="entity-table">
          <thead>
            <tr>
              <th>{t('entities.label')}</th>
              <th>{t('entities.key')}</th>
              <th>{t('entities.version')}</th>
              <th>{t('entities.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-testid="entity-row" data-key={d.key}>
                <td>
                  <a href={routeHref({ page: 'designer', key: d.key })} data-testid={`open-entity-${d.key}`}>
                    {localize(d.label, locale) || d.key}
                  </a>
                </td>
                <td>
                  <code>{d.key}</code>
                </td>
                <td>
                  <VersionBadge version={d.version} hasDraft={d.hasDraft} />
                </td>
                <td className="muted">{d.updatedAt ? new Date(d.updatedAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <NewEntityDialog
          existingKeys={items.map((d) => d.key)}
          onClose={() => setCreating(false)}
          onCreated={(key) => navigate({ page: 'designer', key })}
        />
      )}
    </section>
  );
}
