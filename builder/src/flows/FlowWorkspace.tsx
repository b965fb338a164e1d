import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { CanvasToolbar } from './canvas/CanvasToolbar';
import { FlowCanvas } from './canvas/FlowCanvas';
import { NodePalette } from './canvas/NodePalette';
import { useCanvasElements } from './canvas/use-canvas-elements';
import { useCanvasKeys } from './canvas/use-canvas-keys';
import { usePlaceNode } from './canvas/use-place-node';
import { flowMarks } from './flow-issues';
import { FlowSettings } from './FlowSettings';
import { NodePanel } from './NodePanel';
import { TestPanel } from './test/TestPanel';
import { tracePath } from './test/trace-path';
import { useSimulator } from './test/use-simulator';
import type { FlowHistory } from './use-flow-history';

interface Props {
  def: FlowDefinition;
  issues: readonly Issue[];
  history: FlowHistory;
}

/** Palette | canvas | side panel (the selected node's settings, the flow's settings, or the test call). */
export function FlowWorkspace({ def, issues, history }: Props) {
  const { t } = useTranslation();
  const [side, setSide] = useState<'settings' | 'test'>('settings');
  const [selected, setSelected] = useState<string[]>([]);
  const sim = useSimulator(def);
  const marks = useMemo(() => flowMarks(def, issues), [def, issues]);
  // The highlight shows only while the test tab is open: editing with a stale path lit up would mislead.
  const trace = useMemo(() => tracePath(side === 'test' ? sim.state : null), [side, sim.state]);
  const elements = useCanvasElements(def, marks, trace);
  const canvasRef = useRef<HTMLDivElement>(null);
  const { placeAt, placeCentre } = usePlaceNode(canvasRef, history, elements.selectNext);
  useCanvasKeys({ def, history, selectedIds: () => selected, selectNext: elements.selectNext });
  const onSelect = useCallback((ids: string[]) => setSelected(ids), []);
  const node = selected.length === 1 ? def.nodes.find((n) => n.id === selected[0]) : undefined;

  return (
    <div className="flow-body">
      <NodePalette onAdd={placeCentre} />
      <div className="flow-canvas" ref={canvasRef} data-testid="flow-canvas">
        <CanvasToolbar def={def} nodes={elements.nodes} history={history} />
        <FlowCanvas def={def} history={history} elements={elements} placeAt={placeAt} onSelect={onSelect} />
      </div>
      <aside className="flow-side">
        <nav className="tabs flow-side-tabs" aria-label={t('flows.sideTabs')}>
          <button type="button" aria-current={side === 'settings' ? 'page' : undefined} onClick={() => setSide('settings')} data-testid="side-settings">
            {t('flows.settingsTab')}
          </button>
          <button type="button" aria-current={side === 'test' ? 'page' : undefined} onClick={() => setSide('test')} data-testid="side-test">
            {t('flows.testTab')}
          </button>
        </nav>
        {side === 'test' ? (
          <TestPanel sim={sim} blocked={issues.length > 0} />
        ) : node ? (
          <NodePanel key={node.id} def={def} node={node} issues={issues} history={history} onRenamed={(id) => elements.selectNext([id])} />
        ) : (
          <FlowSettings def={def} issues={issues} history={history} />
        )}
      </aside>
    </div>
  );
}
