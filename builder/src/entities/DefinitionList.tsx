import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionKind } from '../api/definitions';
import { localize } from '@telesales/schemas';
import { listDefinitions, type DefinitionSummary } from '../api/definitions';
import type { NewDefinition } from '../app/kind-editors';
import { kindRoutes, navigate, routeHref } from '../app/use-hash-route';
import { useAsync } from '../hooks/use-async';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { kindText, listTexts } from './kind-texts';
import { NewDefinitionDialog } from './NewDefinitionDialog';
import { VersionBadge } from './VersionBadge';

/** A kind-specific column (a pool's object and mode), filled in by the kind's own page. */
export interface ExtraColumn {
  title: string;
  cell(d: DefinitionSummary): ReactNode;
}

interface Props {
  kind: DefinitionKind;
  /** How a new definition of the kind starts (its line in app/kind-editors.tsx). */
  create: NewDefinition;
  extra?: ExtraColumn;
}

/** The objects, roles or pools: label, key, published version and draft badge; "new" opens the create dialog. */
export function DefinitionList({ kind, create, extra }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useAsync(() => listDefinitions(kind), [kind]);
  const [creating, setCreating] = useState(false);
  const items = [...(list.data ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const tx = listTexts(kind);

  return (
    <section className="entity-list" aria-labelledby={`${tx}-title`} data-testid={`${tx}-page`}>
      <div className="page-head">
        <div>
          <h1 id={`${tx}-title`}>{t(`${tx}.title`)}</h1>
          {kind !== 'entity' && <p className="muted small page-intro">{kindText(kind, 'description', locale)}</p>}
        </div>
        <button type="button" className="primary" onClick={() => setCreating(true)} data-testid={`new-${kind}`}>
          {t(`${tx}.new`)}
        </button>
      </div>
      {list.loading && !list.data && <Loading />}
      {list.error != null && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 && (
        <div className="state empty" data-testid={`${tx}-empty`}>
          <strong>{t(`${tx}.empty`)}</strong>
          <p className="muted">{t(`${tx}.emptyHint`)}</p>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t(`${tx}.new`)}
          </button>
        </div>
      )}
      {items.length > 0 && (
        <table className="table" data-testid={`${kind}-table`}>
          <thead>
            <tr>
              <th>{t('entities.label')}</th>
              <th>{t('entities.key')}</th>
              {extra && <th>{extra.title}</th>}
              <th>{t('entities.version')}</th>
              <th>{t('entities.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-testid={`${kind}-row`} data-key={d.key}>
                <td>
                  <a href={routeHref(kindRoutes[kind].editor(d.key))} data-testid={`open-${kind}-${d.key}`}>
                    {localize(d.label, locale) || d.key}
                  </a>
                </td>
                <td>
                  <code>{d.key}</code>
                </td>
                {extra && <td>{extra.cell(d)}</td>}
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
        <NewDefinitionDialog
          kind={kind}
          create={create}
          existingKeys={items.map((d) => d.key)}
          onClose={() => setCreating(false)}
          onCreated={(key) => navigate(kindRoutes[kind].editor(key))}
        />
      )}
    </section>
  );
}
