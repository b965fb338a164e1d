import type { RoleDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { roleSchema } from './schema.js';
import { texts } from './texts.js';

/** Permissions, data scope and field visibility; people who manage users read the published roles they hand out. */
export const roleKind: DefinitionKindSpec<'role', RoleDefinition> = { kind: 'role', slug: 'roles', schema: roleSchema, texts };
