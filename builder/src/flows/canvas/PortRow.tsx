import { Handle, Position } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { FlowPortSpec } from '@telesales/schemas';

/** Port names worth translating; DTMF keys and condition case names are shown as they are. */
const NAMED = new Set(['next', 'noInput', 'invalid', 'else', 'open', 'closed', 'found', 'notFound', 'ok', 'error', 'answered', 'overflow', 'failed']);

export function usePortLabel() {
  const { t, i18n } = useTranslation();
  const label = (port: string) => (NAMED.has(port) ? t(`flows.port.${port}`) : /^[0-9*#]$/.test(port) ? t('flows.port.key', { key: port }) : port);
  // the language the labels are in, for callers that cache what they built with them
  return Object.assign(label, { language: i18n.language });
}

/** One output of a node: its name and the handle a link is dragged from; a required port with no link is marked. */
export function PortRow({ port, unconnected }: { port: FlowPortSpec; unconnected: boolean }) {
  const { t } = useTranslation();
  const label = usePortLabel();
  return (
    <li className={`flow-port${unconnected ? ' unconnected' : ''}${port.optional ? ' optional' : ''}`} data-port={port.port}>
      <span className="flow-port-name" title={unconnected ? t('flows.portUnconnected') : port.optional ? t('flows.portOptional') : undefined}>
        {label(port.port)}
      </span>
      <Handle
        type="source"
        position={Position.Right}
        id={port.port}
        className={unconnected ? 'flow-out unconnected' : 'flow-out'}
        data-testid={`port-${port.port}`}
        data-unconnected={unconnected || undefined}
      />
    </li>
  );
}
