// The fields a person may filter on, with the operators that fit each type (from @telesales/schemas, the
// same table the server checks against).
import type { EntityDefinition, FieldDefinition, FieldType, FilterOperator, Locale } from '@telesales/schemas';
import { localize, operatorsFor, SYSTEM_FIELDS } from '@telesales/schemas';
import { visibleFields } from '$lib/fields/access';
import { sortByCard } from '$lib/records/columns';

export interface FilterField {
	key: string;
	label: string;
	type: FieldType;
	/** the entity's field; absent for system fields */
	field?: FieldDefinition;
	ops: FilterOperator[];
}

// The order operators are offered in: the everyday ones first (the first is the row's default), the
// "is empty" pair last.
const OFFER_ORDER: FilterOperator[] = [
	'contains', 'eq', 'ne', 'startsWith', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'nin', 'isEmpty', 'isNotEmpty'
];
const offered = (ops: FilterOperator[]) => [...ops].sort((a, b) => OFFER_ORDER.indexOf(a) - OFFER_ORDER.indexOf(b));

export function filterFields(
	entity: EntityDefinition,
	role: string,
	canUnmask: boolean,
	locale: Locale,
	systemLabel: (key: string) => string
): FilterField[] {
	const own = sortByCard(entity, visibleFields(entity, role)).map<FilterField>((field) => ({
		key: field.key,
		label: localize(field.label, locale),
		type: field.type,
		field,
		// a masked value can only be asked whether it is there: comparing it would reveal it
		ops: field.masked && !canUnmask ? ['isEmpty', 'isNotEmpty'] : offered(operatorsFor(field.type))
	}));
	const system = Object.entries(SYSTEM_FIELDS).map<FilterField>(([key, type]) => ({
		key,
		label: systemLabel(key),
		type,
		ops: offered(operatorsFor(type))
	}));
	return [...own, ...system];
}
