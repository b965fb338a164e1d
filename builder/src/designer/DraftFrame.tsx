import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionKind } from '../api/definitions';
import { kindRoutes, navigate } from '../app/use-hash-route';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { DesignerHeader } from './DesignerHeader';
import { PublishDialog } from './PublishDialog';
import type { DefinitionDraft } from '../hooks/use-definition-draft';

interface Props<K extends DefinitionKind> {
  kind: K;
  draft: DefinitionDraft<K>;
  issueCount: number;
  /** Shown in the discard dialog when the definition was never published (discarding deletes it). */
  neverPublishedText: string;
  /** Before the draft is discarded (e.g. close the field panel). */
  onDiscarding?(): void;
  className?: string;
  children: ReactNode;
}

/**
 * What every definition editor (entity, role) has around its own body: the header with save, discard and
 * publish, the "published" toast, and the publish and discard dialogs.
 */
export function DraftFrame<K extends DefinitionKind>({ kind, draft, issueCount, neverPublishedText, onDiscarding, className, children }: Props<K>) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'publish' | 'discard' | null>(null);
  const [published, setPublished] = useState<number | null>(null);
  const { def, record } = draft;
  if (!def || !record) return null;
  const hasDraft = record.draft !== null || draft.saveState === 'dirty' || draft.saveState === 'saving';

  return (
    <div className={className ?? 'designer'}>
      <DesignerHeader
        def={def}
        version={record.version}
        hasDraft={hasDraft}
        tab="design"
        saveState={draft.saveState}
        saveError={draft.saveError}
        issueCount={issueCount}
        hasChanges={hasDraft || record.version === 0}
        onSave={() => void draft.saveNow()}
        onDiscard={() => setDialog('discard')}
        onPublish={() => setDialog('publish')}
      />
      {published !== null && (
        <div className="toast" role="status" data-testid="publish-success" data-version={published} onAnimationEnd={() => setPublished(null)}>
          {t('publish.done', { version: published })}
        </div>
      )}
      {children}
      {dialog === 'publish' && (
        <PublishDialog
          def={def}
          saveNow={draft.saveNow}
          onClose={() => setDialog(null)}
          onPublished={(version) => {
            setDialog(null);
            setPublished(version);
            void draft.reload();
          }}
        />
      )}
      {dialog === 'discard' && (
        <ConfirmDialog
          title={t('action.discardDraft')}
          confirmLabel={t('action.discardDraft')}
          danger
          testId="discard-dialog"
          onConfirm={async () => {
            onDiscarding?.();
            await draft.discard();
            if (record.version === 0) navigate(kindRoutes[kind].list());
          }}
          onClose={() => setDialog(null)}
        >
          <p>{record.version > 0 ? t('designer.discardConfirm', { version: record.version }) : neverPublishedText}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
