import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { useAsync } from '../app/use-async';
import { navigate } from '../app/use-hash-route';
import { AddFieldDialog } from '../fields/AddFieldDialog';
import { FieldPanel } from '../fields/FieldPanel';
import { useLocale } from '../i18n';
import { CardPreview } from '../preview/CardPreview';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { addField, removeField, updateField } from './definition-ops';
import { DesignerHeader } from './DesignerHeader';
import { EntitySettings } from './EntitySettings';
import { FieldList } from './FieldList';
import { IssueSummary } from './IssueSummary';
import { PublishDialog } from './PublishDialog';
import { useEntityDraft } from './use-definition-draft';

type Dialog = 'add' | 'publish' | 'discard' | null;

export function EntityDesigner({ entityKey }: { entityKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useEntityDraft(entityKey);
  const roles = useAsync(() => listDefinitions('role'), []);
  const entities = useAsync(() => listDefinitions('entity'), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [published, setPublished] = useState<number | null>(null);
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  const index = def.fields.findIndex((f) => f.id === selected);
  const field = index >= 0 ? def.fields[index] : null;
  const publishedField = field ? (draft.published?.fields.find((f) => f.id === field.id) ?? null) : null;
  const hasDraft = record.draft !== null || draft.saveState === 'dirty' || draft.saveState === 'saving';
  const selectedSection = field?.section;

  return (
    <div className="designer">
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
      <IssueSummary def={def} issues={issues} onGo={setSelected} />
      <div className="designer-body">
        <FieldList def={def} issues={issues} selectedId={selected} onSelect={setSelected} onChange={draft.update} onAdd={() => setDialog('add')} />
        <CardPreview def={def} roles={roles.data ?? []} onSelect={setSelected} selectedId={selected} />
        {field ? (
          <FieldPanel
            key={field.id}
            def={def}
            field={field}
            index={index}
            issues={issues}
            published={publishedField}
            roles={roles.data ?? []}
            entities={entities.data ?? []}
            onPatch={(patch) => draft.update((d) => updateField(d, field.id, patch))}
            onDelete={() => {
              setSelected(null);
              draft.update((d) => removeField(d, field.id));
            }}
            onClose={() => setSelected(null)}
          />
        ) : (
          <EntitySettings def={def} issues={issues} onChange={draft.update} />
        )}
      </div>
      {dialog === 'add' && (
        <AddFieldDialog
          def={def}
          defaultSection={selectedSection}
          onClose={() => setDialog(null)}
          onAdd={(f) => {
            draft.update((d) => addField(d, f));
            setSelected(f.id);
            setDialog(null);
          }}
        />
      )}
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
            setSelected(null);
            await draft.discard();
            if (record.version === 0) navigate({ page: 'entities' });
          }}
          onClose={() => setDialog(null)}
        >
          <p>{record.version > 0 ? t('designer.discardConfirm', { version: record.version }) : t('designer.discardNeverPublished')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
