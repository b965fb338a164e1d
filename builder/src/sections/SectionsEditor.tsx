import { useTranslation } from 'react-i18next';
import type { EntityDefinition } from '@telesales/schemas';
import { arrayMove } from '@dnd-kit/sortable';
import { issuesAt, type Issue } from '../api/issues';
import { uuid } from '../lib/uuid';
import { addSection, removeSection, reorderSections, sortedSections, updateSection } from '../designer/definition-ops';
import { InlineIssues } from '../ui/InlineIssues';
import { SortableList } from '../ui/SortableList';
import { SectionRow } from './SectionRow';

interface Props {
  def: EntityDefinition;
  issues: readonly Issue[];
  onChange(change: (def: EntityDefinition) => EntityDefinition): void;
}

/** Card sections: add, rename (key and labels), reorder by drag or buttons; delete only when empty. */
export function SectionsEditor({ def, issues, onChange }: Props) {
  const { t } = useTranslation();
  const sections = sortedSections(def);
  const ids = sections.map((s) => s.id);
  const move = (from: number, to: number) => onChange((d) => reorderSections(d, arrayMove(sortedSections(d).map((s) => s.id), from, to)));
  const add = () => {
    let n = sections.length + 1;
    while (sections.some((s) => s.key === `section_${n}`)) n += 1;
    onChange((d) => addSection(d, { id: uuid(), key: `section_${n}`, label: { zh: `分组${n}`, en: `Section ${n}` }, order: 0 }));
  };
  return (
    <div className="sections-editor" data-testid="sections-editor">
      <SortableList ids={ids} onMove={move}>
        <ul className="rows">
          {sections.map((section, i) => {
            // Issue paths index the stored array, which may differ from display order.
            const index = (def.sections ?? []).findIndex((s) => s.id === section.id);
            return (
              <SectionRow
                key={section.id}
                section={section}
                pointer={`/sections/${index}`}
                issues={issues}
                fieldCount={def.fields.filter((f) => f.section === section.key).length}
                canMoveUp={i > 0}
                canMoveDown={i < sections.length - 1}
                onMove={(step) => move(i, i + step)}
                onChange={(patch) => onChange((d) => updateSection(d, section.id, patch))}
                onDelete={() => onChange((d) => removeSection(d, section.id))}
              />
            );
          })}
        </ul>
      </SortableList>
      <InlineIssues issues={issuesAt(issues, '/sections')} />
      <button type="button" className="small" onClick={add} data-testid="add-section">
        + {t('section.add')}
      </button>
    </div>
  );
}
