import type { EntityDefinition } from '@telesales/schemas';
import type { RecordValues } from '$lib/api/types';

/** The field a record is called by: the definition's titleField, else its first text field. */
export function titleKey(entity: EntityDefinition): string | undefined {
	return entity.titleField ?? entity.fields.find((f) => f.type === 'text' && !f.retired)?.key;
}

export function recordTitle(entity: EntityDefinition, values: RecordValues, fallback: string): string {
	const key = titleKey(entity);
	const value = key ? values[key] : undefined;
	return value === undefined || value === null || value === '' ? fallback : String(value);
}
