// The card's layout: the definition's sections in order, each with its fields in order. Fields naming no
// (or an unknown) section are gathered at the end so nothing the admin defined goes missing.
import type { EntityDefinition, FieldDefinition, LocalText } from '@telesales/schemas';
import { sortByCard } from '$lib/records/columns';

export interface CardSection {
	key: string;
	label: LocalText | null;
	fields: FieldDefinition[];
}

export function cardSections(entity: EntityDefinition, include: (field: FieldDefinition) => boolean): CardSection[] {
	const sections = [...(entity.sections ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
	const known = new Set(sections.map((s) => s.key));
	const fields = sortByCard(entity, entity.fields.filter(include));
	const result: CardSection[] = sections.map((s) => ({ key: s.key, label: s.label, fields: fields.filter((f) => f.section === s.key) }));
	const rest = fields.filter((f) => !f.section || !known.has(f.section));
	if (rest.length) result.push({ key: '', label: null, fields: rest });
	return result.filter((s) => s.fields.length > 0);
}
