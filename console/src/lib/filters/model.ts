// The filter builder edits a tree of groups and rows; rows may be half-filled while the user works.
// toFilter() turns the tree into the contract's filter language, leaving out unfinished rows;
// fromFilter() turns a saved filter back into an editable tree.
import type { Filter, FilterCondition, FilterOperator, FilterValue } from '@telesales/schemas';

export interface FilterRow {
	kind: 'row';
	id: number;
	field: string;
	op: FilterOperator | '';
	value: unknown;
}

export interface FilterGroup {
	kind: 'group';
	id: number;
	join: 'and' | 'or';
	children: FilterNode[];
}

export type FilterNode = FilterRow | FilterGroup;

let nextId = 1;

export const newRow = (): FilterRow => ({ kind: 'row', id: nextId++, field: '', op: '', value: null });
export const newGroup = (join: 'and' | 'or' = 'and', children: FilterNode[] = [newRow()]): FilterGroup => ({
	kind: 'group',
	id: nextId++,
	join,
	children
});

export const NO_VALUE_OPS: FilterOperator[] = ['isEmpty', 'isNotEmpty'];
export const LIST_OPS: FilterOperator[] = ['in', 'nin'];

function isScalar(v: unknown): v is string | number | boolean {
	return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
}

function rowValue(row: FilterRow): FilterValue | undefined | null {
	if (!row.op || NO_VALUE_OPS.includes(row.op)) return undefined;
	const v = row.value;
	if (row.op === 'between') {
		return Array.isArray(v) && v.length === 2 && v.every(isScalar) ? (v as FilterValue) : null;
	}
	if (LIST_OPS.includes(row.op)) {
		return Array.isArray(v) && v.length > 0 && v.every(isScalar) ? (v as FilterValue) : null;
	}
	return isScalar(v) && v !== '' ? v : null;
}

function rowToCondition(row: FilterRow): FilterCondition | null {
	if (!row.field || !row.op) return null;
	const value = rowValue(row);
	if (value === null) return null;
	return value === undefined ? { field: row.field, op: row.op } : { field: row.field, op: row.op, value };
}

export function toFilter(node: FilterNode): Filter | null {
	if (node.kind === 'row') return rowToCondition(node);
	const parts = node.children.map(toFilter).filter((f): f is Filter => f !== null);
	if (parts.length === 0) return null;
	if (parts.length === 1) return parts[0];
	return node.join === 'and' ? { and: parts } : { or: parts };
}

export function fromFilter(filter: Filter | null | undefined): FilterGroup {
	if (!filter) return newGroup();
	const node = toNode(filter);
	return node.kind === 'group' ? node : newGroup('and', [node]);
}

function toNode(filter: Filter): FilterNode {
	if ('and' in filter) return newGroup('and', filter.and.map(toNode));
	if ('or' in filter) return newGroup('or', filter.or.map(toNode));
	return { kind: 'row', id: nextId++, field: filter.field, op: filter.op, value: filter.value ?? null };
}

export function countConditions(filter: Filter | null | undefined): number {
	if (!filter) return 0;
	if ('and' in filter) return filter.and.reduce((n, f) => n + countConditions(f), 0);
	if ('or' in filter) return filter.or.reduce((n, f) => n + countConditions(f), 0);
	return 1;
}

// Edits to the tree go through these helpers: the tree is the builder's $state, and editing it here (not
// by assigning to a child component's props) keeps one owner for it.
export function setRowField(row: FilterRow, key: string, ops: FilterOperator[]): void {
	row.field = key;
	// keep the operator when the new field supports it; values rarely carry over between types
	if (!row.op || !ops.includes(row.op)) row.op = ops[0] ?? '';
	row.value = null;
}

export function setRowOp(row: FilterRow, op: FilterOperator | ''): void {
	row.op = op;
	row.value = null;
}

export function setRowValue(row: FilterRow, value: unknown): void {
	row.value = value;
}

export function setJoin(group: FilterGroup, join: 'and' | 'or'): void {
	group.join = join;
}

export function addChild(group: FilterGroup, node: FilterNode): void {
	group.children.push(node);
}

export function removeChild(group: FilterGroup, index: number): void {
	group.children.splice(index, 1);
}
