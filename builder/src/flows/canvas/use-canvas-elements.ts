import { useCallback, useEffect, useRef, useState } from 'react';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { FlowDefinition } from '@telesales/schemas';
import type { FlowMarks } from '../flow-issues';
import { toRfEdges, toRfNodes, type FlowRfEdge, type FlowRfNode, type TracePath } from './canvas-model';
import { usePortLabel } from './PortRow';

/**
 * React Flow's own copy of the nodes and edges. The definition stays the one source of truth: the copy is
 * rebuilt from it after every edit; in between React Flow moves nodes while dragging and tracks sizes and
 * selection in it. `selectNext` asks the next rebuild to select given nodes (after adding, pasting, renaming).
 */
export function useCanvasElements(def: FlowDefinition, marks: FlowMarks, trace: TracePath) {
  const [nodes, setNodes] = useState<FlowRfNode[]>([]);
  const [edges, setEdges] = useState<FlowRfEdge[]>([]);
  const pendingSelect = useRef<string[] | null>(null);
  const portLabel = usePortLabel();
  const portLabelRef = useRef(portLabel);
  portLabelRef.current = portLabel;

  useEffect(() => {
    const select = pendingSelect.current;
    pendingSelect.current = null;
    setNodes((prev) => toRfNodes(def, marks, trace, prev, select));
    setEdges((prev) => toRfEdges(def, marks, trace, select ? [] : prev, portLabelRef.current));
    // the language is a dependency for the edges' accessible names (the port labels)
  }, [def, marks, trace, portLabel.language]);

  // Removals go through onDelete (one undo step for nodes and their links); everything else React Flow applies.
  const onNodesChange = useCallback((changes: NodeChange<FlowRfNode>[]) => setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), ns)), []);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowRfEdge>[]) => setEdges((es) => applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), es)), []);
  const selectNext = useCallback((ids: string[]) => {
    pendingSelect.current = ids;
  }, []);

  return { nodes, edges, onNodesChange, onEdgesChange, selectNext };
}
