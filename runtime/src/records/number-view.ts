import type { EntityDefinition, FieldDefinition } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { UserPermissions } from '../auth/permissions.js';
import { fieldView } from './field-view.js';
import { shownValue } from './shown-value.js';

/** Masking a phone needs only the field's type; used when the entity has no phone field (fail closed: masked). */
const ANY_PHONE = { key: 'phone', type: 'phone', masked: true, label: { zh: '电话', en: 'Phone' } } as unknown as FieldDefinition;
const NO_ENTITY = { key: '', fields: [ANY_PHONE] } as unknown as EntityDefinition;

/** How one reader sees the outside party's number of a call. */
export interface NumberView {
  masked: boolean;
  show(number: string): string;
}

/**
 * A call's number is masked like the entity's phone field: its masked phone field (else its first phone field),
 * masked unless the reader's role may unmask the entity. An entity without a phone field: always masked.
 */
export async function numberView(app: FastifyInstance, permissions: UserPermissions, entityKey: string): Promise<NumberView> {
  const entity = (await app.definitions.getPublishedEntity(entityKey)) as EntityDefinition | null;
  const phone = entity?.fields.find((f) => f.type === 'phone' && f.masked) ?? entity?.fields.find((f) => f.type === 'phone');
  const [view, field] = entity && phone
    ? [fieldView(entity, (f) => permissions.fieldAccess(f), Boolean(permissions.entity(entityKey).unmask)), phone]
    : [fieldView(NO_ENTITY, () => 'read', false), ANY_PHONE];
  return { masked: view.masked(field), show: (n) => String(shownValue(view, field, n)) };
}
