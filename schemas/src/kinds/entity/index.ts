import type { EntityDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { checkEntity } from './checks.js';
import { entitySchema } from './schema.js';
import { texts } from './texts.js';

/** An object type and its fields: customer, lead, order, or any custom object. */
export const entityKind: DefinitionKindSpec<'entity', EntityDefinition> = {
  kind: 'entity', slug: 'entities', schema: entitySchema, texts,
  check: (def, { ajv, locale }) => checkEntity(def, ajv, locale),
};
