import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { NODE_GLYPHS, glyphLang } from '../node-types';
import type { FlowRfNode } from './canvas-model';
import { NodeSummary } from './NodeSummary';
import { PortRow } from './PortRow';

/** One node on the canvas: its type and name, a one-line summary, its validation marker and one handle per port. */
export function FlowNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  const { t } = useTranslation();
  const { node, ports, issues, unconnected, isStart, trace } = data;
  const messages = issues.map((i) => i.message).join('\n');
  return (
    <div
      className={['flow-node', `type-${node.type}`, selected && 'selected', issues.length > 0 && 'invalid', trace && `trace-${trace}`].filter(Boolean).join(' ')}
      data-testid="flow-node"
      data-id={node.id}
      data-type={node.type}
      data-issues={issues.length}
      data-trace={trace ?? undefined}
    >
      {node.type !== 'entry' && <Handle type="target" position={Position.Left} className="flow-in" />}
      <div className="flow-node-head">
        <span className="flow-glyph" aria-hidden="true" lang={glyphLang(node.type)}>
          {NODE_GLYPHS[node.type]}
        </span>
        <span className="flow-node-title">{node.label || t(`flows.type.${node.type}`)}</span>
        {isStart && <span className="badge success">{t('flows.start')}</span>}
        {issues.length > 0 && (
          <span className="flow-marker" title={messages} data-testid="node-marker" aria-label={t('flows.nodeIssues', { count: issues.length })}>
            ⚠ {issues.length}
          </span>
        )}
      </div>
      <div className="flow-node-id">
        <code>{node.id}</code>
      </div>
      <NodeSummary node={node} />
      {ports.length > 0 && (
        <ul className="flow-ports">
          {ports.map((p) => (
            <PortRow key={p.port} port={p} unconnected={unconnected.has(p.port)} />
          ))}
        </ul>
      )}
    </div>
  );
}
