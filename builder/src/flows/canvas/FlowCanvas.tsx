import { useCallback, useState, type DragEvent } from 'react';
import { Background, Controls, ReactFlow, type Connection, type Edge, type Node, type OnDelete } from '@xyflow/react';
import type { FlowDefinition, FlowNodeType } from '@telesales/schemas';
import { FLOW_NODE_TYPES } from '@telesales/schemas';
import { connect, removeElements, setPositions } from '../flow-ops';
import type { FlowHistory } from '../use-flow-history';
import type { FlowRfEdge, FlowRfNode } from './canvas-model';
import { CanvasMiniMap, OpeningView } from './CanvasViewport';
import { FlowNodeView } from './FlowNodeView';
import type { useCanvasElements } from './use-canvas-elements';
import { NODE_DRAG_TYPE } from './use-place-node';
import { useCanvasAriaLabels } from './use-canvas-aria-labels';

const nodeTypes = { flow: FlowNodeView };

interface Props {
  def: FlowDefinition;
  history: FlowHistory;
  elements: ReturnType<typeof useCanvasElements>;
  placeAt(type: FlowNodeType, clientX: number, clientY: number): void;
  onSelect(nodeIds: string[]): void;
}

const positionsOf = (nodes: Node[]) => new Map(nodes.map((n) => [n.id, n.position]));

/** The React Flow canvas: drops from the palette, drags, links and deletions, each turned into a definition edit. */
export function FlowCanvas({ def, history, elements, placeAt, onSelect }: Props) {
  const { nodes, edges, onNodesChange, onEdgesChange } = elements;
  // Open a saved flow at a readable zoom; an empty canvas keeps zoom 1, or the first drop would zoom onto it.
  const [fitOnOpen] = useState(() => def.nodes.length > 0);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(NODE_DRAG_TYPE) as FlowNodeType;
      if (!(FLOW_NODE_TYPES as readonly string[]).includes(type)) return;
      e.preventDefault();
      placeAt(type, e.clientX, e.clientY);
    },
    [placeAt],
  );
  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.sourceHandle && c.source && c.target) history.edit((d) => connect(d, c.source, c.sourceHandle!, c.target));
    },
    [history],
  );
  // A port leads to one node: dragging from a linked port re-points it (connect replaces), so any target but the entry is fine.
  const isValidConnection = useCallback((c: Connection | Edge) => def.nodes.find((n) => n.id === c.target)?.type !== 'entry', [def]);

  const onDelete: OnDelete<FlowRfNode, FlowRfEdge> = useCallback(
    ({ nodes: gone, edges: cut }) => history.edit((d) => removeElements(d, gone.map((n) => n.id), cut.map((e) => e.id))),
    [history],
  );
  // One undo step per drag: the snapshot before it, the positions after it.
  const onDragStart = useCallback(() => history.checkpoint(def), [history, def]);
  const onDragStop = useCallback((_: unknown, _node: Node, moved: Node[]) => history.silent((d) => setPositions(d, positionsOf(moved))), [history]);
  const onSelectionDragStop = useCallback((_: unknown, moved: Node[]) => history.silent((d) => setPositions(d, positionsOf(moved))), [history]);
  const onSelectionChange = useCallback(({ nodes: picked }: { nodes: Node[] }) => onSelect(picked.map((n) => n.id)), [onSelect]);

  const ariaLabels = useCanvasAriaLabels();

  return (
    <ReactFlow<FlowRfNode, FlowRfEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      onDelete={onDelete}
      onNodeDragStart={onDragStart}
      onNodeDragStop={onDragStop}
      onSelectionDragStart={onDragStart}
      onSelectionDragStop={onSelectionDragStop}
      onSelectionChange={onSelectionChange}
      onDrop={onDrop}
      onDragOver={onDragOver}
      deleteKeyCode={['Delete', 'Backspace']}
      multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
      // Arrow keys nudge through the definition (undoable) instead of React Flow's own moves.
      disableKeyboardA11y
      minZoom={0.2}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={ariaLabels}
    >
      <Background gap={16} />
      <OpeningView start={def.start} enabled={fitOnOpen} />
      <CanvasMiniMap />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
