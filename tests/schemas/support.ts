// Builders shared by the schemas unit tests: stable ids, labels and a small valid entity.
import { readFileSync } from 'node:fs';
import type { EntityDefinition, FieldDefinition } from '@telesales/schemas';

/** A deterministic v4-shaped uuid: uid(7) -> 00000000-0000-4000-8000-000000000007. */
export const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const label = (en: string, zh = en) => ({ zh, en });

export function field(n: number, key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { id: uid(n), key, label: label(key, `字段${key}`), type, ...extra } as FieldDefinition;
}

export function entity(fields: FieldDefinition[], extra: Partial<EntityDefinition> = {}): EntityDefinition {
  return { kind: 'entity', schemaVersion: 1, id: uid(1), key: 'thing', label: label('Thing', '东西'), fields, ...extra } as EntityDefinition;
}

/** The insurance template's customer entity, as the installer reads it (without $schema). */
export function customerEntity(): EntityDefinition {
  const raw = JSON.parse(readFileSync(new URL('../../templates/insurance/entities/customer.json', import.meta.url), 'utf8'));
  delete raw.$schema;
  return raw as EntityDefinition;
}
