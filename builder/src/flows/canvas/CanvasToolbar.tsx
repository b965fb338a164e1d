import { useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition } from '@telesales/schemas';
import { autoLayout } from '../auto-layout';
import { setPositions } from '../flow-ops';
import type { FlowHistory } from '../use-flow-history';
import type { FlowRfNode } from './canvas-model';

interface Props {
  def: FlowDefinition;
  nodes: readonly FlowRfNode[];
  history: FlowHistory;
}

/** Undo / redo and automatic layout, above the canvas (zoom and fit are React Flow's own controls). */
export function CanvasToolbar({ def, nodes, history }: Props) {
  const { t } = useTranslation();
  const { fitView } = useReactFlow();
  const [busy, setBusy] = useState(false);

  async function layout() {
    setBusy(true);
    try {
      const sizes = new Map(nodes.filter((n) => n.measured?.width).map((n) => [n.id, { width: n.measured!.width!, height: n.measured!.height! }]));
      const positions = await autoLayout(def, sizes);
      history.edit((d) => setPositions(d, positions));
      // After React Flow has the new positions.
      requestAnimationFrame(() => void fitView({ padding: 0.15, duration: 300 }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flow-toolbar" role="toolbar" aria-label={t('flows.toolbar')}>
      <button type="button" className="small" onClick={history.undo} disabled={!history.canUndo} title="Ctrl+Z" data-testid="flow-undo">
        ↶ {t('flows.undo')}
      </button>
      <button type="button" className="small" onClick={history.redo} disabled={!history.canRedo} title="Ctrl+Shift+Z / Ctrl+Y" data-testid="flow-redo">
        ↷ {t('flows.redo')}
      </button>
      <button type="button" className="small" onClick={() => void layout()} disabled={busy || def.nodes.length === 0} data-testid="flow-layout">
        ⇶ {t('flows.autoLayout')}
      </button>
      <span className="hint flow-shortcuts">{t('flows.shortcuts')}</span>
    </div>
  );
}
