import type { FlowDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { checkFlow } from './checks.js';
import { flowSchema } from './schema.js';
import { texts } from './texts.js';

/** A call flow (IVR) graph, interpreted node by node. */
export const flowKind: DefinitionKindSpec<'flow', FlowDefinition> = {
  kind: 'flow', slug: 'flows', schema: flowSchema, texts,
  check: (def, { locale }) => checkFlow(def, locale),
};
