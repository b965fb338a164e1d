import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { FlowDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { IssueSummary } from '../designer/IssueSummary';
import { nodeIndexOf } from './flow-issues';

/** Long enough to see where the view went, short enough not to wait for it. */
const CENTER_MS = 300;

/**
 * The issue list above the canvas. Going to an issue selects the node it is about (for a link or a port: the
 * node it leaves from) and pans the canvas to centre that node, keeping the zoom. Inside the ReactFlowProvider.
 */
export function FlowIssueSummary({ def, issues }: { def: FlowDefinition; issues: readonly Issue[] }) {
  const { getInternalNode, getZoom, setCenter } = useReactFlow();
  const goTo = useCallback(
    (path: string) => {
      const index = nodeIndexOf(path);
      const node = index === null ? undefined : def.nodes[index];
      if (!node) return;
      // React Flow selects on a click on the node, which also opens its settings.
      const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(node.id)}"]`);
      el?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      const internal = getInternalNode(node.id);
      const at = internal?.internals.positionAbsolute ?? node.position;
      const width = internal?.measured.width ?? 0;
      const height = internal?.measured.height ?? 0;
      void setCenter(at.x + width / 2, at.y + height / 2, { zoom: getZoom(), duration: CENTER_MS });
    },
    [def, getInternalNode, getZoom, setCenter],
  );
  return <IssueSummary def={def} issues={issues} onGo={(_field, path) => goTo(path)} />;
}
