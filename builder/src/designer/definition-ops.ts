// Pure, immutable edits of an entity definition. Every designer change goes through here so the order,
// section and "no undefined keys" rules live in one place.
import type { EntityDefinition, FieldDefinition, FieldType } from '@telesales/schemas';
import { FIELD_TYPE_TRAITS } from '../fields/field-types';

type Section = NonNullable<EntityDefinition['sections']>[number];
export type FieldPatch = { [K in keyof FieldDefinition]?: FieldDefinition[K] | undefined };

/** Drop keys set to undefined: a stored `"min": undefined` would otherwise survive as an explicit key. */
function clean<T extends object>(obj: T): T {
  const out = { ...obj } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as T;
}

export function sortedSections(def: EntityDefinition): Section[] {
  return [...(def.sections ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** Fields in card order: fields without a (known) section first, then section by section. */
export function fieldsInOrder(def: EntityDefinition): FieldDefinition[] {
  const sections = sortedSections(def);
  const known = new Set(sections.map((s) => s.key));
  const byOrder = (a: FieldDefinition, b: FieldDefinition) => (a.order ?? 0) - (b.order ?? 0);
  const loose = def.fields.filter((f) => !f.section || !known.has(f.section)).sort(byOrder);
  return [...loose, ...sections.flatMap((s) => def.fields.filter((f) => f.section === s.key).sort(byOrder))];
}

/** The flat list the field designer drags in: section headers interleaved with fields. */
export type FlatItem = { kind: 'section'; id: string; section: Section } | { kind: 'field'; id: string; field: FieldDefinition };

export function flatItems(def: EntityDefinition): FlatItem[] {
  const ordered = fieldsInOrder(def);
  const known = new Set((def.sections ?? []).map((s) => s.key));
  const items: FlatItem[] = ordered
    .filter((f) => !f.section || !known.has(f.section))
    .map((f) => ({ kind: 'field', id: f.id, field: f }));
  for (const section of sortedSections(def)) {
    items.push({ kind: 'section', id: `section:${section.id}`, section });
    for (const f of ordered.filter((x) => x.section === section.key)) items.push({ kind: 'field', id: f.id, field: f });
  }
  return items;
}

/**
 * Re-derive every field's section and order from a reordered flat list: a field belongs to the nearest
 * section header above it. Only the moved field gets a new order when it fits between its neighbours, so
 * a publish's diff shows one change, not every field renumbered. The fields array keeps its order
 * (display order comes from `order`), for the same reason.
 */
export function applyFlatOrder(def: EntityDefinition, items: FlatItem[], movedId?: string): EntityDefinition {
  const groups: { section?: string; fields: FieldDefinition[] }[] = [{ fields: [] }];
  for (const item of items) {
    if (item.kind === 'section') groups.push({ section: item.section.key, fields: [] });
    else groups[groups.length - 1].fields.push(item.field);
  }
  const next = new Map<string, FieldDefinition>();
  for (const g of groups) {
    const orders = placeOrders(g.fields, movedId);
    g.fields.forEach((f, i) => next.set(f.id, clean({ ...f, section: g.section, order: orders[i] })));
  }
  return { ...def, fields: def.fields.map((f) => next.get(f.id) ?? f) };
}

/** Orders for a section's fields in their new sequence: keep the existing ones when still increasing. */
function placeOrders(fields: FieldDefinition[], movedId?: string): number[] {
  const renumber = () => fields.map((_, i) => (i + 1) * 10);
  const others = fields.filter((f) => f.id !== movedId).map((f) => f.order);
  const increasing = others.every((o, i) => typeof o === 'number' && (i === 0 || o > (others[i - 1] as number)));
  if (!increasing) return renumber();
  const at = fields.findIndex((f) => f.id === movedId);
  if (at < 0) return fields.map((f) => f.order as number);
  const lo = at > 0 ? (fields[at - 1].order as number) : 0;
  const hi = at < fields.length - 1 ? (fields[at + 1].order as number) : lo + 20;
  if (hi - lo < 2) return renumber();
  return fields.map((f, i) => (i === at ? Math.floor((lo + hi) / 2) : (f.order as number)));
}

/** Move a field one step up or down in the flat list; crossing a header moves it to that section. */
export function moveFieldStep(def: EntityDefinition, fieldId: string, step: -1 | 1): EntityDefinition {
  const items = flatItems(def);
  const from = items.findIndex((i) => i.id === fieldId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= items.length) return def;
  [items[from], items[to]] = [items[to], items[from]];
  return applyFlatOrder(def, items, fieldId);
}

export function updateField(def: EntityDefinition, id: string, patch: FieldPatch): EntityDefinition {
  const fields = def.fields.map((f) => (f.id === id ? clean({ ...f, ...patch } as FieldDefinition) : f));
  const oldKey = def.fields.find((f) => f.id === id)?.key;
  if (patch.key === undefined || oldKey === undefined || patch.key === oldKey) return { ...def, fields };
  // Renaming an (unpublished) field's key carries the entity-level references to it along.
  const rename = (k: string) => (k === oldKey ? patch.key! : k);
  return clean({
    ...def,
    fields,
    titleField: def.titleField === undefined ? undefined : rename(def.titleField),
    duplicateKeys: def.duplicateKeys?.map((combo) => combo.map(rename)),
  });
}

export function addField(def: EntityDefinition, field: FieldDefinition): EntityDefinition {
  const siblings = def.fields.filter((f) => f.section === field.section);
  const order = siblings.reduce((m, f) => Math.max(m, f.order ?? 0), 0) + 10;
  return { ...def, fields: [...def.fields, clean({ ...field, order })] };
}

export function removeField(def: EntityDefinition, id: string): EntityDefinition {
  return { ...def, fields: def.fields.filter((f) => f.id !== id) };
}

/**
 * Changing the type drops the options that only the old type understood (and a default of the old type).
 * Dropped keys are explicit undefined so the patch removes them when merged by updateField.
 */
export function withType(field: FieldDefinition, type: FieldType): FieldPatch {
  const t = FIELD_TYPE_TRAITS[type];
  const sameRange = FIELD_TYPE_TRAITS[field.type as FieldType].range === t.range;
  return {
    type,
    default: field.type === type ? field.default : undefined,
    min: sameRange ? field.min : undefined,
    max: sameRange ? field.max : undefined,
    minLength: t.length ? field.minLength : undefined,
    maxLength: t.length ? field.maxLength : undefined,
    pattern: t.length ? field.pattern : undefined,
    patternMessage: t.length ? field.patternMessage : undefined,
    options: t.options ? (field.options ?? []) : undefined,
    decimals: t.decimals ? field.decimals : undefined,
    currency: t.currency ? (field.currency ?? 'CNY') : undefined,
    defaultCountry: t.country ? (field.defaultCountry ?? 'CN') : undefined,
    lenient: t.country ? field.lenient : undefined,
    reference: t.reference ? field.reference : undefined,
  };
}

export function updateSection(def: EntityDefinition, id: string, patch: Partial<Section>): EntityDefinition {
  const old = def.sections?.find((s) => s.id === id);
  const sections = (def.sections ?? []).map((s) => (s.id === id ? clean({ ...s, ...patch }) : s));
  // Renaming a section key carries its fields along, so the card layout does not fall apart while typing.
  const renamed = old && patch.key !== undefined && patch.key !== old.key;
  const fields = renamed ? def.fields.map((f) => (f.section === old.key ? { ...f, section: patch.key } : f)) : def.fields;
  return { ...def, sections, fields };
}

export function reorderSections(def: EntityDefinition, ids: string[]): EntityDefinition {
  const byId = new Map((def.sections ?? []).map((s) => [s.id, s]));
  return { ...def, sections: ids.map((id, i) => ({ ...byId.get(id)!, order: i + 1 })) };
}

export function addSection(def: EntityDefinition, section: Section): EntityDefinition {
  const sections = sortedSections(def);
  const order = sections.reduce((m, s) => Math.max(m, s.order ?? 0), 0) + 1;
  return { ...def, sections: [...sections, { ...section, order }] };
}

export function removeSection(def: EntityDefinition, id: string): EntityDefinition {
  return { ...def, sections: (def.sections ?? []).filter((s) => s.id !== id) };
}
