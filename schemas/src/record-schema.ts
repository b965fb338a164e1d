import { ADDRESS_PARTS } from './field-types.js';
import type { EntityDefinition, FieldDefinition } from './types.js';

type JsonSchema = Record<string, unknown>;

const addressSchema = {
  type: 'object',
  properties: Object.fromEntries(
    ADDRESS_PARTS.map((k) => [k, { type: 'string', maxLength: 200 }]),
  ),
  additionalProperties: false,
};

const attachmentSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 100 },
    name: { type: 'string', minLength: 1, maxLength: 255 },
    size: { type: 'integer', minimum: 0 },
    contentType: { type: 'string', maxLength: 100 },
  },
  required: ['id', 'name'],
  additionalProperties: false,
};

function activeOptionValues(field: FieldDefinition): string[] {
  return (field.options ?? []).filter((o) => !o.retired).map((o) => o.value);
}

function withLimits(schema: JsonSchema, field: FieldDefinition, keys: Record<'min' | 'max', string>): JsonSchema {
  if (field.min !== undefined) schema[keys.min] = field.min;
  if (field.max !== undefined) schema[keys.max] = field.max;
  return schema;
}

function textLimits(schema: JsonSchema, field: FieldDefinition): JsonSchema {
  if (field.minLength !== undefined) schema.minLength = field.minLength;
  if (field.maxLength !== undefined) schema.maxLength = field.maxLength;
  if (field.pattern !== undefined) schema.pattern = field.pattern;
  return schema;
}

/** The JSON Schema of one field's value (never null: callers add null where a value may be cleared). */
export function valueSchemaFor(field: FieldDefinition): JsonSchema {
  switch (field.type) {
    case 'text':
      return textLimits({ type: 'string', maxLength: 1000 }, field);
    case 'longtext':
      return textLimits({ type: 'string', maxLength: 20000 }, field);
    case 'phone':
      return textLimits({ type: 'string', format: 'phone' }, field);
    case 'email':
      return textLimits({ type: 'string', format: 'email', maxLength: 254 }, field);
    case 'url':
      return textLimits({ type: 'string', format: 'http-url', maxLength: 2000 }, field);
    case 'integer':
      return withLimits({ type: 'integer' }, field, { min: 'minimum', max: 'maximum' });
    case 'decimal':
    case 'money':
    case 'percent':
      return withLimits({ type: 'number' }, field, { min: 'minimum', max: 'maximum' });
    case 'date':
      return withLimits({ type: 'string', format: 'date' }, field, { min: 'formatMinimum', max: 'formatMaximum' });
    case 'datetime':
      return withLimits({ type: 'string', format: 'date-time' }, field, { min: 'formatMinimum', max: 'formatMaximum' });
    case 'boolean':
      return { type: 'boolean' };
    case 'select':
      return { type: 'string', enum: activeOptionValues(field) };
    case 'multiselect':
      return { type: 'array', items: { type: 'string', enum: activeOptionValues(field) }, uniqueItems: true, maxItems: 100 };
    case 'user':
    case 'reference':
      return { type: 'string', minLength: 1, maxLength: 100 };
    case 'tags':
      return { type: 'array', items: { type: 'string', minLength: 1, maxLength: 50 }, uniqueItems: true, maxItems: 100 };
    case 'address':
      return addressSchema;
    case 'attachment':
      return { type: 'array', items: attachmentSchema, maxItems: 50 };
  }
}

/** Required values must be present and not blank; optional ones may be null to clear them. */
function propertySchema(field: FieldDefinition): JsonSchema {
  const schema = { ...valueSchemaFor(field) };
  if (field.required) {
    if (schema.type === 'string' && schema.minLength === undefined) schema.minLength = 1;
    if (schema.type === 'array' && schema.minItems === undefined) schema.minItems = 1;
    return schema;
  }
  // An enum (select) lists the allowed values themselves, so null must be one of them too.
  const nullable = Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {};
  return { ...schema, type: [schema.type as string, 'null'], ...nullable };
}

export const isActiveField = (field: FieldDefinition) => !field.retired;

/** The JSON Schema of a record's `values` for creating (required fields enforced) or updating (partial). */
export function recordSchemaFor(entity: EntityDefinition, mode: 'create' | 'update'): JsonSchema {
  const fields = entity.fields.filter(isActiveField);
  const required = mode === 'create' ? fields.filter((f) => f.required && !f.readOnly).map((f) => f.key) : [];
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.key, propertySchema(f)])),
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}
