import { useTranslation } from 'react-i18next';
import type { FieldOption, FieldType } from '@telesales/schemas';
import { arrayMove } from '@dnd-kit/sortable';
import { issuesAt } from '../api/issues';
import { uuid } from '../lib/uuid';
import { InlineIssues } from '../ui/InlineIssues';
import { SortableList } from '../ui/SortableList';
import type { FieldEditorProps } from './editor-props';
import { FIELD_TYPE_TRAITS } from './field-types';
import { OptionRow } from './OptionRow';
import { withDerivedValue } from './option-values';

interface Props extends FieldEditorProps {
  /** Ids of this field's options in the published version: those can only be retired. */
  publishedOptionIds: ReadonlySet<string>;
}

/** Options of a select/multiselect; array order is display order. */
export function OptionsEditor({ field, pointer, issues, onPatch, publishedOptionIds }: Props) {
  const { t } = useTranslation();
  if (!FIELD_TYPE_TRAITS[field.type as FieldType].options) return null;
  const options = field.options ?? [];
  const setOptions = (next: FieldOption[]) => onPatch({ options: next });
  const add = () => {
    let n = options.length + 1;
    while (options.some((o) => o.value === `option_${n}`)) n += 1;
    setOptions([...options, { id: uuid(), value: `option_${n}`, label: { zh: `选项${n}`, en: `Option ${n}` } }]);
  };
  const move = (from: number, to: number) => setOptions(arrayMove(options, from, to));

  return (
    <div className="options-editor" data-testid="options-editor">
      {options.length === 0 && <p className="muted">{t('options.none')}</p>}
      <SortableList ids={options.map((o) => o.id)} onMove={move}>
        <ul className="rows">
          {options.map((option, i) => (
            <OptionRow
              key={option.id}
              option={option}
              pointer={`${pointer}/options/${i}`}
              issues={issues}
              published={publishedOptionIds.has(option.id)}
              canMoveUp={i > 0}
              canMoveDown={i < options.length - 1}
              onMove={(step) => move(i, i + step)}
              onChange={(next) => setOptions(options.map((o, j) => (j === i ? withDerivedValue(options, i, next, publishedOptionIds.has(option.id)) : o)))}
              onDelete={() => setOptions(options.filter((o) => o.id !== option.id))}
            />
          ))}
        </ul>
      </SortableList>
      <InlineIssues issues={issuesAt(issues, `${pointer}/options`)} />
      <button type="button" className="small" onClick={add} data-testid="add-option">
        + {t('options.add')}
      </button>
    </div>
  );
}
