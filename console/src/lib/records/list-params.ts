// The list's state lives in the URL (q, page, size, sort, filter) so Back, reload and shared links
// return to the same view.
import type { Filter } from '@telesales/schemas';

export interface ListParams {
	q: string;
	page: number;
	pageSize: number;
	sort: string;
	filter: Filter | null;
	/** Owned entities: "mine", "all", or "pool:<key>"; empty = the reader's default tab. */
	view: string;
}

export const DEFAULT_SORT = '-updatedAt';
export const DEFAULT_PAGE_SIZE = 20;

export function readParams(url: URL): ListParams {
	const s = url.searchParams;
	let filter: Filter | null = null;
	try {
		filter = s.get('filter') ? (JSON.parse(s.get('filter')!) as Filter) : null;
	} catch {
		filter = null;
	}
	const page = Number(s.get('page'));
	const size = Number(s.get('size'));
	return {
		q: s.get('q') ?? '',
		page: Number.isInteger(page) && page > 0 ? page : 1,
		pageSize: [20, 50, 100, 200].includes(size) ? size : DEFAULT_PAGE_SIZE,
		sort: s.get('sort') || DEFAULT_SORT,
		filter,
		view: s.get('view') ?? ''
	};
}

export function writeParams(params: ListParams): string {
	const s = new URLSearchParams();
	if (params.q) s.set('q', params.q);
	if (params.page > 1) s.set('page', String(params.page));
	if (params.pageSize !== DEFAULT_PAGE_SIZE) s.set('size', String(params.pageSize));
	if (params.sort && params.sort !== DEFAULT_SORT) s.set('sort', params.sort);
	if (params.filter) s.set('filter', JSON.stringify(params.filter));
	if (params.view) s.set('view', params.view);
	const text = s.toString();
	return text ? `?${text}` : '';
}

/** Clicking a header: a new column sorts ascending (dates newest first), the same column flips. */
export function nextSort(current: string, key: string, temporal: boolean): string {
	const currentKey = current.replace(/^-/, '');
	if (currentKey !== key) return temporal ? `-${key}` : key;
	return current.startsWith('-') ? key : `-${key}`;
}
