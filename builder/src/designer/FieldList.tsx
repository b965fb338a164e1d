import { useTranslation } from 'react-i18next';
import type { EntityDefinition } from '@telesales/schemas';
import { arrayMove } from '@dnd-kit/sortable';
import { issuesUnder, type Issue } from '../api/issues';
import { SortableList } from '../ui/SortableList';
import { applyFlatOrder, flatItems, moveFieldStep } from './definition-ops';
import { FieldRow } from './FieldRow';
import { SectionHeaderRow } from './SectionHeaderRow';

interface Props {
  def: EntityDefinition;
  issues: readonly Issue[];
  selectedId: string | null;
  onSelect(id: string): void;
  onChange(change: (def: EntityDefinition) => EntityDefinition): void;
  onAdd(): void;
}

/** Fields grouped by section; dragging a field under another section's header moves it there. */
export function FieldList({ def, issues, selectedId, onSelect, onChange, onAdd }: Props) {
  const { t } = useTranslation();
  const items = flatItems(def);
  const fieldIndex = new Map(def.fields.map((f, i) => [f.id, i]));

  return (
    <div className="field-list" data-testid="field-list">
      <div className="pane-head">
        <h2>{t('designer.fields', { count: def.fields.length })}</h2>
        <button type="button" className="primary small" onClick={onAdd} data-testid="add-field">
          + {t('designer.addField')}
        </button>
      </div>
      {def.fields.length === 0 && (
        <div className="state empty small" data-testid="fields-empty">
          <strong>{t('designer.noFields')}</strong>
          <p className="muted">{t('designer.noFieldsHint')}</p>
        </div>
      )}
      <SortableList
        ids={items.map((i) => i.id)}
        onMove={(from, to) =>
          onChange((d) => {
            const list = flatItems(d);
            return applyFlatOrder(d, arrayMove(list, from, to), list[from]?.id);
          })
        }
      >
        <ul className="rows" aria-label={t('designer.fieldsList')}>
          {items.map((item, n) =>
            item.kind === 'section' ? (
              <SectionHeaderRow key={item.id} id={item.id} section={item.section} />
            ) : (
              <FieldRow
                key={item.id}
                field={item.field}
                issueCount={issuesUnder(issues, `/fields/${fieldIndex.get(item.id)}`).length}
                selected={item.id === selectedId}
                canMoveUp={n > 0}
                canMoveDown={n < items.length - 1}
                onSelect={() => onSelect(item.id)}
                onMove={(step) => onChange((d) => moveFieldStep(d, item.id, step))}
              />
            ),
          )}
        </ul>
      </SortableList>
    </div>
  );
}
