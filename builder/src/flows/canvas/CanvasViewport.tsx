import { useEffect, useRef } from 'react';
import { MiniMap, getNodesBounds, useNodesInitialized, useReactFlow, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { FlowRfNode } from './canvas-model';
import { isInView, openingViewport } from './opening-view';

/** Opens a saved flow at a readable zoom (see openingViewport), once its nodes have been measured. */
export function OpeningView({ start, enabled }: { start: string; enabled: boolean }) {
  const initialized = useNodesInitialized();
  const store = useStoreApi();
  const { setViewport } = useReactFlow();
  const done = useRef(!enabled);
  useEffect(() => {
    const { nodeLookup, width, height } = store.getState();
    if (done.current || !initialized || !width || !height || nodeLookup.size === 0) return;
    done.current = true;
    const first = nodeLookup.get(start);
    const anchorX = first ? first.internals.positionAbsolute.x + (first.measured.width ?? 0) / 2 : undefined;
    void setViewport(openingViewport(getNodesBounds([...nodeLookup.values()]), width, height, anchorX));
  }, [initialized, start, store, setViewport]);
  return null;
}

/** Narrower canvases (a laptop with both side panels open) have no room for a minimap beside the nodes. */
export const MINIMAP_MIN_CANVAS_WIDTH = 900;

// A boolean, so the minimap re-renders only when the answer changes.
const wanted = (s: ReactFlowState) =>
  s.width >= MINIMAP_MIN_CANVAS_WIDTH && s.nodeLookup.size > 0 && !isInView(getNodesBounds([...s.nodeLookup.values()]), s.transform, s.width, s.height);

/**
 * A small minimap, shown only on a wide canvas while part of the flow is out of view: otherwise it would
 * only cover nodes (it used to hide the Operator queue of the inbound flow).
 */
export function CanvasMiniMap() {
  const show = useStore(wanted);
  if (!show) return null;
  return (
    <MiniMap
      pannable
      zoomable
      style={{ width: 150, height: 100 }}
      nodeClassName={(n) => ((n as FlowRfNode).data.trace ? 'minimap-trace' : '')}
    />
  );
}
