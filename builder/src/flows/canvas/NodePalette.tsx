import { useTranslation } from 'react-i18next';
import type { FlowNodeType } from '@telesales/schemas';
import { glyphLang, NODE_GLYPHS, NODE_GROUPS } from '../node-types';
import { NODE_DRAG_TYPE } from './use-place-node';

/** Every node type, grouped: drag one onto the canvas, or click it (or press Enter) to add it in the middle of the view. */
export function NodePalette({ onAdd }: { onAdd(type: FlowNodeType): void }) {
  const { t } = useTranslation();
  return (
    <nav className="flow-palette" aria-label={t('flows.palette')} data-testid="flow-palette">
      <p className="hint">{t('flows.paletteHint')}</p>
      {NODE_GROUPS.map((g) => (
        <section key={g.key}>
          <h3>{t(`flows.group.${g.key}`)}</h3>
          <ul>
            {g.types.map((type) => (
              <li key={type}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData(NODE_DRAG_TYPE, type);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(type)}
                  title={t(`flows.typeHint.${type}`)}
                  data-testid={`palette-${type}`}
                >
                  <span className="flow-glyph" aria-hidden="true" lang={glyphLang(type)}>
                    {NODE_GLYPHS[type]}
                  </span>
                  {t(`flows.type.${type}`)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
