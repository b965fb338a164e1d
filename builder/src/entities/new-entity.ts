import type { EntityDefinition, LocalText } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

/** A new entity starts with one section so the first field has somewhere to go, and no fields. */
export function newEntity(key: string, label: LocalText): EntityDefinition {
  return {
    kind: 'entity',
    schemaVersion: 1,
    id: uuid(),
    key,
    label,
    owned: true,
    sections: [{ id: uuid(), key: 'basic', label: { zh: '基本信息', en: 'Basic information' }, order: 1 }],
    fields: [],
  } as EntityDefinition;
}
