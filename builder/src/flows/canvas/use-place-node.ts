import { useCallback, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { FlowNodeType } from '@telesales/schemas';
import { addNode } from '../flow-ops';
import type { FlowHistory } from '../use-flow-history';

/** The palette's data type on an HTML5 drag (the node type travels as text). */
export const NODE_DRAG_TYPE = 'application/x-telesales-flow-node';

/** Half a typical node, so a dropped node lands centred under the pointer rather than hanging off it. */
const HALF = { x: 95, y: 40 };

/** Adds a node where the palette item was dropped, or (click or Enter on the item) in the middle of the view. */
export function usePlaceNode(canvas: RefObject<HTMLDivElement | null>, history: FlowHistory, selectNext: (ids: string[]) => void) {
  const { screenToFlowPosition } = useReactFlow();
  const placeAt = useCallback(
    (type: FlowNodeType, clientX: number, clientY: number) => {
      const p = screenToFlowPosition({ x: clientX, y: clientY });
      let id = '';
      history.edit((def) => {
        const r = addNode(def, type, { x: p.x - HALF.x, y: p.y - HALF.y });
        id = r.id;
        return r.def;
      });
      selectNext([id]);
    },
    [screenToFlowPosition, history, selectNext],
  );
  const placeCentre = useCallback(
    (type: FlowNodeType) => {
      const box = canvas.current?.getBoundingClientRect();
      if (!box) return;
      // A little random scatter so repeated clicks do not stack nodes exactly on top of each other.
      const jitter = () => (Math.random() - 0.5) * 60;
      placeAt(type, box.left + box.width / 2 + jitter(), box.top + box.height / 2 + jitter());
    },
    [canvas, placeAt],
  );
  return { placeAt, placeCentre };
}
