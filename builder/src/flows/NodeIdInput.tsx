import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition } from '@telesales/schemas';
import { FormRow } from '../ui/FormRow';

const NODE_ID = /^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/;

/** The node's name, renamed on Enter or leaving the input (every link to it follows), never to a taken or malformed name. */
export function NodeIdInput({ def, id, onRename }: { def: FlowDefinition; id: string; onRename(to: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(id);
  const problem =
    text === id ? null : !NODE_ID.test(text) ? t('flows.idPattern') : def.nodes.some((n) => n.id === text) ? t('flows.idTaken') : null;
  const commit = () => {
    if (text !== id && !problem) onRename(text);
    else if (problem) setText(id);
  };
  return (
    <FormRow label={t('flows.nodeId')} hint={t('flows.nodeIdHint')} issues={problem ? [{ path: '/id', code: 'pattern', message: problem }] : []}>
      {(inputId, invalid) => (
        <input
          id={inputId}
          className="mono"
          value={text}
          aria-invalid={invalid}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          data-testid="node-id"
        />
      )}
    </FormRow>
  );
}
