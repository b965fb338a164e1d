// Which fields a list shows: the definition's showInList fields, or (when none is marked) the title field
// and the next few visible fields, so a fresh entity still gets a usable list.
import type { EntityDefinition, FieldDefinition } from '@telesales/schemas';
import { visibleFields } from '$lib/fields/access';

const FALLBACK_COLUMNS = 5;
const LIST_UNFRIENDLY = new Set(['longtext', 'address', 'attachment']);

export function listColumns(entity: EntityDefinition, role: string): FieldDefinition[] {
	const fields = visibleFields(entity, role);
	const marked = fields.filter((f) => f.showInList);
	if (marked.length) return sortByCard(entity, marked);
	const title = fields.find((f) => f.key === entity.titleField);
	const rest = sortByCard(entity, fields).filter((f) => f !== title && !LIST_UNFRIENDLY.has(f.type));
	return [...(title ? [title] : []), ...rest].slice(0, FALLBACK_COLUMNS);
}

/** Fields in card order: section order first, then the field's order, then definition order. */
export function sortByCard(entity: EntityDefinition, fields: FieldDefinition[]): FieldDefinition[] {
	const sectionOrder = new Map((entity.sections ?? []).map((s, i) => [s.key, s.order ?? i]));
	const index = new Map(entity.fields.map((f, i) => [f.key, i]));
	const rank = (f: FieldDefinition) => sectionOrder.get(f.section ?? '') ?? Number.MAX_SAFE_INTEGER;
	return [...fields].sort(
		(a, b) => rank(a) - rank(b) || (a.order ?? 0) - (b.order ?? 0) || index.get(a.key)! - index.get(b.key)!
	);
}
