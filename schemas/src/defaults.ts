import type { EntityDefinition } from './types.js';

/** The values a new record starts with: each active field's default, copied so callers may mutate it. */
export function defaultValues(entity: EntityDefinition): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of entity.fields) {
    if (!field.retired && field.default !== undefined) values[field.key] = structuredClone(field.default);
  }
  return values;
}
