import type { FieldDefinition, FieldType, LocalText } from '@telesales/schemas';
import { uuid } from '../lib/uuid';
import { withType } from '../designer/definition-ops';

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

// Kept in a module of its own (no imports) so option values can share it and tests can load it.
export { suggestKey } from './suggest-key';

export function newField(init: { key: string; label: LocalText; type: FieldType; section?: string; required: boolean }): FieldDefinition {
  const base = { id: uuid(), key: init.key, label: init.label, type: 'text', required: init.required, section: init.section } as FieldDefinition;
  const typed = { ...base, ...withType(base, init.type) } as Record<string, unknown>;
  for (const k of Object.keys(typed)) if (typed[k] === undefined) delete typed[k];
  return typed as FieldDefinition;
}
