import type { PoolDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { checkPool } from './checks.js';
import { poolSchema } from './schema.js';
import { texts } from './texts.js';

/** Where unowned records wait, who may take them, how they are handed out and when they come back. */
export const poolKind: DefinitionKindSpec<'pool', PoolDefinition> = {
  kind: 'pool', slug: 'pools', schema: poolSchema, texts,
  check: (def, { locale }) => checkPool(def, locale),
};
