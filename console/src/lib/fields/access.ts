// What the person at the screen may do with a field. The server enforces all of it; the console only
// avoids offering what would be refused (and never shows an input for a masked value).
import type { EntityDefinition, FieldDefinition } from '@telesales/schemas';
import type { RecordJson } from '$lib/api/types';

export type FieldMode = 'hidden' | 'read' | 'masked' | 'edit';

export interface ModeContext {
	role: string;
	/** may the user create (new record) or update (existing record) this entity */
	canWrite: boolean;
	record?: Pick<RecordJson, 'values' | 'masked' | 'readOnly'> | null;
}

export function roleAccess(field: FieldDefinition, role: string): 'hidden' | 'read' | 'edit' {
	return (field.access as Record<string, 'hidden' | 'read'> | undefined)?.[role] ?? 'edit';
}

export function fieldMode(field: FieldDefinition, ctx: ModeContext): FieldMode {
	const access = roleAccess(field, ctx.role);
	if (access === 'hidden') return 'hidden';
	const record = ctx.record;
	// retired fields keep their data: an old value stays visible, nothing new is entered
	if (field.retired) return record && record.values[field.key] !== undefined ? 'read' : 'hidden';
	if (record?.masked?.includes(field.key)) return 'masked';
	if (access === 'read' || field.readOnly || !ctx.canWrite) return 'read';
	if (record?.readOnly?.includes(field.key)) return 'read';
	return 'edit';
}

/** Fields an agent can see anywhere (list columns, filters): not hidden for the role, not retired. */
export function visibleFields(entity: EntityDefinition, role: string): FieldDefinition[] {
	return entity.fields.filter((f) => !f.retired && roleAccess(f, role) !== 'hidden');
}
