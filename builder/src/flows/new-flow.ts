import type { FlowDefinition, LocalText } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

export type FlowLanguage = FlowDefinition['languages'][number];

/**
 * A new flow starts with an empty canvas: the admin drags its entry and the rest from the palette (the
 * markers say what is missing until then). The first language chosen is the default one.
 */
export function newFlow(key: string, label: LocalText, languages: readonly FlowLanguage[] = ['zh', 'en']): FlowDefinition {
  const langs = languages.length ? [...languages] : (['zh'] as FlowLanguage[]);
  return {
    kind: 'flow',
    schemaVersion: 1,
    id: uuid(),
    key,
    label: label as FlowDefinition['label'],
    languages: langs,
    defaultLanguage: langs[0]!,
    start: '',
    nodes: [],
  } as unknown as FlowDefinition;
}
