import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { useAsync } from '../app/use-async';
import { navigate } from '../app/use-hash-route';
import { useSession } from '../auth/session';
import { DesignerHeader } from '../designer/DesignerHeader';
import { IssueSummary } from '../designer/IssueSummary';
import { PublishDialog } from '../designer/PublishDialog';
import { useRoleDraft } from '../designer/use-definition-draft';
import { useLocale } from '../i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { PermissionMatrix } from './PermissionMatrix';
import { RoleSettings } from './RoleSettings';

type Dialog = 'publish' | 'discard' | null;

/** Moves focus to the input an issue is about: a matrix row, or a setting by its test id. */
function focusIssue(path: string) {
  const [, top, key] = path.split('/');
  const selector =
    top === 'entities' && key
      ? `[data-testid="perm-row"][data-key="${CSS.escape(key)}"] :is(input, select)`
      : `[data-testid^="role-${CSS.escape(top ?? '')}"]:is(input, select, textarea), [data-testid^="role-${CSS.escape(top ?? '')}"] input`;
  document.querySelector<HTMLElement>(selector)?.focus();
}

/** A role: its settings and permission matrix, validated live, autosaved as a draft, published with a message. */
export function RoleEditor({ roleKey }: { roleKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { me } = useSession();
  const draft = useRoleDraft(roleKey);
  const entities = useAsync(() => listDefinitions('entity'), []);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [published, setPublished] = useState<number | null>(null);
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  const hasDraft = record.draft !== null || draft.saveState === 'dirty' || draft.saveState === 'saving';

  return (
    <div className="designer role-editor">
      <DesignerHeader
        def={def}
        version={record.version}
        hasDraft={hasDraft}
        tab="design"
        saveState={draft.saveState}
        saveError={draft.saveError}
        issueCount={issues.length}
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
      <IssueSummary
        def={def}
        issues={issues}
        onGo={(_field, path) => focusIssue(path)}
      />
      <div className="role-body">
        <RoleSettings def={def} published={draft.published} issues={issues} isOwnRole={me?.user.role === def.key} onChange={draft.update} />
        <PermissionMatrix def={def} issues={issues} entities={entities} onChange={draft.update} />
      </div>
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
            await draft.discard();
            if (record.version === 0) navigate({ page: 'roles' });
          }}
          onClose={() => setDialog(null)}
        >
          <p>{record.version > 0 ? t('designer.discardConfirm', { version: record.version }) : t('roles.discardNeverPublished')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
