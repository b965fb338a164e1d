import type { DispositionsDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { checkDispositions } from './checks.js';
import { dispositionsSchema } from './schema.js';
import { texts } from './texts.js';

/** The outcomes an agent tags a call with; every agent's phone bar reads them. */
export const dispositionsKind: DefinitionKindSpec<'dispositions', DispositionsDefinition> = {
  kind: 'dispositions', slug: 'dispositions', schema: dispositionsSchema, texts, everyoneReads: true,
  check: (def, { locale }) => checkDispositions(def, locale),
};
