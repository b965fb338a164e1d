import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition, FlowNode } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { InlineIssues } from '../ui/InlineIssues';
import { removeElements, renameNode, setConfig, updateNode } from './flow-ops';
import type { FormProps } from './forms/form-props';
import { NODE_FORMS } from './forms/registry';
import { NODE_GLYPHS, glyphLang } from './node-types';
import { NodeIdInput } from './NodeIdInput';
import type { FlowHistory } from './use-flow-history';

interface Props {
  def: FlowDefinition;
  node: FlowNode;
  issues: readonly Issue[];
  history: FlowHistory;
  /** After a rename, so the canvas keeps the node selected under its new name. */
  onRenamed(id: string): void;
}

/** Issues about the node as a whole (unreachable, a port left open, a loop) rather than one of its settings. */
const isNodeLevel = (path: string) => /^\/nodes\/\d+(\/next(\/\d+(\/\w+)?)?|\/id)?$/.test(path);

/** The selected node's settings: name, label, its type's form, and what is wrong with it. */
export function NodePanel({ def, node, issues, history, onRenamed }: Props) {
  const { t } = useTranslation();
  const index = def.nodes.findIndex((n) => n.id === node.id);
  const base = `/nodes/${index}`;
  const own = issues.filter((i) => i.path === base || i.path.startsWith(`${base}/`));
  const Form = NODE_FORMS[node.type] as ComponentType<FormProps<FlowNode['type']>>;
  return (
    <div className="node-panel" data-testid="node-panel" data-id={node.id} data-type={node.type}>
      <div className="pane-head">
        <span className="flow-glyph" aria-hidden="true" lang={glyphLang(node.type)}>
          {NODE_GLYPHS[node.type]}
        </span>
        <h2>{t(`flows.type.${node.type}`)}</h2>
        <button type="button" className="small danger" onClick={() => history.edit((d) => removeElements(d, [node.id], []))} data-testid="node-delete">
          {t('flows.deleteNode')}
        </button>
      </div>
      <div className="panel-scroll">
        <p className="hint">{t(`flows.typeHint.${node.type}`)}</p>
        <InlineIssues issues={own.filter((i) => isNodeLevel(i.path))} testId="node-issues" />
        {/* Keyed by id: the input's draft text must not outlive a rename or a change of selection. */}
        <NodeIdInput
          key={node.id}
          def={def}
          id={node.id}
          onRename={(to) => {
            onRenamed(to);
            history.edit((d) => renameNode(d, node.id, to));
          }}
        />
        <div className="form-row">
          <label className="label-text" htmlFor="node-label">
            {t('flows.nodeLabel')}
          </label>
          <input
            id="node-label"
            value={node.label ?? ''}
            maxLength={100}
            onChange={(e) => history.edit((d) => updateNode(d, node.id, (n) => withLabel(n, e.target.value)))}
            data-testid="node-label"
          />
        </div>
        {def.start !== node.id && node.type === 'entry' && (
          <button type="button" className="small" onClick={() => history.edit((d) => ({ ...d, start: node.id }))} data-testid="node-make-start">
            {t('flows.makeStart')}
          </button>
        )}
        <Form node={node} def={def} issues={issues} base={`${base}/config`} set={(config) => history.edit((d) => setConfig(d, node.id, config as Record<string, unknown>))} />
      </div>
    </div>
  );
}

function withLabel(n: FlowNode, label: string): FlowNode {
  const next = { ...n };
  if (label) next.label = label;
  else delete next.label;
  return next;
}
