/** The field types an entity may use, and what each one stores. */
export const FIELD_TYPES = [
  'text', 'longtext', 'integer', 'decimal', 'money', 'percent', 'date', 'datetime', 'boolean',
  'select', 'multiselect', 'phone', 'email', 'url', 'user', 'reference', 'tags', 'address', 'attachment',
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * The parts an address value may hold, in the order the console's input and the builder's preview both
 * show them (four to a row: province, city, district, postcode; then street, three wide, and country).
 */
export const ADDRESS_PARTS = ['province', 'city', 'district', 'postcode', 'street', 'country'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

export const NUMERIC_TYPES: readonly FieldType[] = ['integer', 'decimal', 'money', 'percent'];
export const TEXT_TYPES: readonly FieldType[] = ['text', 'longtext', 'phone', 'email', 'url'];
export const TEMPORAL_TYPES: readonly FieldType[] = ['date', 'datetime'];
export const OPTION_TYPES: readonly FieldType[] = ['select', 'multiselect'];
export const ARRAY_TYPES: readonly FieldType[] = ['multiselect', 'tags', 'attachment'];

export const isNumericType = (type: FieldType) => NUMERIC_TYPES.includes(type);
export const isTextType = (type: FieldType) => TEXT_TYPES.includes(type);
export const isTemporalType = (type: FieldType) => TEMPORAL_TYPES.includes(type);
export const hasOptions = (type: FieldType) => OPTION_TYPES.includes(type);
export const isArrayType = (type: FieldType) => ARRAY_TYPES.includes(type);

/**
 * Type changes that keep every stored value valid: the runtime allows them on publish even when records
 * hold values (the value's JSON type is unchanged and no constraint is implied).
 */
const COMPATIBLE: Record<string, readonly FieldType[]> = {
  text: ['longtext'],
  longtext: ['text'],
  integer: ['decimal', 'money', 'percent'],
  decimal: ['money', 'percent'],
  money: ['decimal', 'percent'],
  percent: ['decimal', 'money'],
  select: ['text'],
  tags: ['multiselect'],
  multiselect: ['tags'],
  date: ['text'],
  datetime: ['text'],
};

export function isCompatibleTypeChange(from: FieldType, to: FieldType): boolean {
  return from === to || (COMPATIBLE[from] ?? []).includes(to);
}
