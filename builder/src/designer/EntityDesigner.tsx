import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { useAsync } from '../hooks/use-async';
import { AddFieldDialog } from '../fields/AddFieldDialog';
import { FieldPanel } from '../fields/FieldPanel';
import { useLocale } from '../i18n';
import { CardPreview } from '../preview/CardPreview';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { addField, removeField, updateField } from './definition-ops';
import { DraftFrame } from './DraftFrame';
import { EntitySettings } from './EntitySettings';
import { FieldList } from './FieldList';
import { IssueSummary } from './IssueSummary';
import { useDefinitionDraft } from '../hooks/use-definition-draft';



export function EntityDesigner({ entityKey }: { entityKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useDefinitionDraft('entity', entityKey);
  const roles = useAsync(() => listDefinitions('role'), []);
  const entities = useAsync(() => listDefinitions('entity'), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  const index = def.fields.findIndex((f) => f.id === selected);
  const field = index >= 0 ? def.fields[index] : null;
  const publishedField = field ? (draft.published?.fields.find((f) => f.id === field.id) ?? null) : null;
  const selectedSection = field?.section;

  return (
    <DraftFrame
      kind="entity"
      draft={draft}
      issueCount={issues.length}
      neverPublishedText={t('designer.discardNeverPublished')}
      onDiscarding={() => setSelected(null)}
    >
      <IssueSummary def={def} issues={issues} onGo={setSelected} />
      <div className="designer-body">
        <FieldList def={def} issues={issues} selectedId={selected} onSelect={setSelected} onChange={draft.update} onAdd={() => setAdding(true)} />
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
      {adding && (
        <AddFieldDialog
          def={def}
          defaultSection={selectedSection}
          onClose={() => setAdding(false)}
          onAdd={(f) => {
            draft.update((d) => addField(d, f));
            setSelected(f.id);
            setAdding(false);
          }}
        />
      )}
    </DraftFrame>
  );
}
