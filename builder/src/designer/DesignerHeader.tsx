import { useTranslation } from 'react-i18next';
import type { DesignedDefinition } from '../api/definitions';
import { localize } from '@telesales/schemas';
import type { ApiError } from '../api/client';
import { kindRoutes, routeHref } from '../app/use-hash-route';
import { kindText, listTexts } from '../entities/kind-texts';
import { VersionBadge } from '../entities/VersionBadge';
import { useLocale } from '../i18n';
import { SaveStatus } from './SaveStatus';
import type { SaveState } from '../hooks/use-definition-draft';

interface Props {
  /** An entity or a role: the header, tabs and actions are the same for both kinds. */
  def: DesignedDefinition;
  version: number;
  hasDraft: boolean;
  tab: 'design' | 'versions';
  saveState?: SaveState;
  saveError?: ApiError | null;
  issueCount?: number;
  /** False when there is nothing new to publish. */
  hasChanges?: boolean;
  onSave?(): void;
  onDiscard?(): void;
  onPublish?(): void;
}

/** Title, status and actions of one definition (entity, role or pool), shared by its editor and versions tabs. */
export function DesignerHeader({ def, version, hasDraft, tab, saveState, saveError, issueCount = 0, hasChanges = true, onSave, onDiscard, onPublish }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const routes = kindRoutes[def.kind];
  return (
    <div className="designer-head">
      <div className="title-block">
        <a href={routeHref(routes.list())} className="muted small" data-testid="back-to-list">
          ← {kindText(def.kind, 'plural', locale)}
        </a>
        <h1 data-testid={`${def.kind}-title`}>
          {localize(def.label, locale) || def.key} <code className="muted">{def.key}</code>
        </h1>
        <VersionBadge version={version} hasDraft={hasDraft} />
      </div>
      <nav className="tabs" aria-label={t(def.kind === 'entity' ? 'designer.tabs' : `${listTexts(def.kind)}.tabs`)}>
        <a href={routeHref(routes.editor(def.key))} aria-current={tab === 'design' ? 'page' : undefined} data-testid="tab-design">
          {t(def.kind === 'entity' ? 'designer.design' : `${listTexts(def.kind)}.editTab`)}
        </a>
        <a href={routeHref(routes.versions(def.key))} aria-current={tab === 'versions' ? 'page' : undefined} data-testid="tab-versions">
          {t('versions.title')}
        </a>
      </nav>
      {tab === 'design' && saveState && (
        <div className="actions">
          <SaveStatus state={saveState} error={saveError ?? null} />
          <button type="button" onClick={onSave} disabled={saveState === 'saving' || saveState === 'clean' || saveState === 'saved'} data-testid="save-draft">
            {t('action.saveDraft')}
          </button>
          {hasDraft && (
            <button type="button" className="ghost" onClick={onDiscard} data-testid="discard-draft">
              {t('action.discardDraft')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            onClick={onPublish}
            disabled={issueCount > 0 || !hasChanges}
            title={issueCount > 0 ? t('publish.blocked', { count: issueCount }) : !hasChanges ? t('publish.nothing') : undefined}
            data-testid="publish"
          >
            {t('action.publish')}
          </button>
        </div>
      )}
    </div>
  );
}
