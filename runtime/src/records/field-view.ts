import type { EntityDefinition, FieldDefinition } from '@telesales/schemas';

type FieldAccessOf = (field: FieldDefinition) => 'hidden' | 'read' | 'edit';

/** What one reader may do with each field of an entity: see it, see it unmasked, change it. */
export interface FieldView {
  readonly entity: EntityDefinition;
  field(key: string): FieldDefinition | undefined;
  visible(field: FieldDefinition): boolean;
  /** The reader sees a stand-in (138****5678), never the value. */
  masked(field: FieldDefinition): boolean;
  writable(field: FieldDefinition): boolean;
}

export function fieldView(entity: EntityDefinition, accessOf: FieldAccessOf, unmask: boolean): FieldView {
  const byKey = new Map(entity.fields.map((f) => [f.key, f]));
  const access = new Map(entity.fields.map((f) => [f.key, accessOf(f)]));
  return {
    entity,
    field: (key) => byKey.get(key),
    visible: (f) => access.get(f.key) !== 'hidden',
    masked: (f) => Boolean(f.masked) && !unmask,
    writable: (f) => access.get(f.key) === 'edit' && !f.readOnly && !f.retired,
  };
}
