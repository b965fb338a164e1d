import type { FieldDefinition, FieldType, LocalText } from '@telesales/schemas';
import { uuid } from '../app/uuid';
import { withType } from '../designer/definition-ops';

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** "Policy number" -> "policy_number": a starting point the admin may overwrite. */
export function suggestKey(english: string): string {
  const key = english
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40);
  return key;
}

export function newField(init: { key: string; label: LocalText; type: FieldType; section?: string; required: boolean }): FieldDefinition {
  const base = { id: uuid(), key: init.key, label: init.label, type: 'text', required: init.required, section: init.section } as FieldDefinition;
  const typed = { ...base, ...withType(base, init.type) } as Record<string, unknown>;
  for (const k of Object.keys(typed)) if (typed[k] === undefined) delete typed[k];
  return typed as FieldDefinition;
}
