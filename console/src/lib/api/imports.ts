// The import wizard's calls (runtime/src/imports): upload, mappings, preview, run, batches, reports.
import { ApiError, get, post, api } from './client';
import type { ApiErrorBody } from './types';

// The wire types are shared with the runtime (schemas/src/import-types.ts), under their own names.
import type { ImportBatchJson, ImportMapping, ImportPreviewRowJson, ImportReportRowsJson, ImportTarget, ImportTargetsJson, UploadedFileJson } from '@telesales/schemas';
export type { ImportBatchJson, ImportMapping, ImportPreviewRowJson, ImportReportRowsJson, ImportTarget, ImportTargetsJson, UploadedFileJson };

const base = (entity: string) => `/imports/${encodeURIComponent(entity)}`;

/**
 * Where an import goes: records of an entity (/api/imports/:entity), or a number list (名单) of the outbound API:
 * an outbound task's numbers or the workspace's do-not-call list. The wizard's steps and components are the same;
 * only these paths and the last step (a destination for records, matching customers for a task) differ.
 */
export type ImportHome = { type: 'entity'; entity: string } | { type: 'task'; task: string } | { type: 'dnc' };

const homeBase = (home: ImportHome) =>
	home.type === 'entity' ? base(home.entity) : home.type === 'task' ? `/outbound/tasks/${encodeURIComponent(home.task)}/list` : '/outbound/dnc/list';
/** Records' batches live under /batches, lists' under /imports (where they are also started). */
const batchPath = (home: ImportHome, id: string) => `${homeBase(home)}/${home.type === 'entity' ? 'batches' : 'imports'}/${encodeURIComponent(id)}`;

/**
 * Multipart, so not through api(): the same headers by hand (CSRF token, UI language). `encoding`: the one the
 * person picked when the server's guess was uncertain (the file is read again with it).
 */
export async function uploadFile(home: ImportHome, file: File, csrfToken: string, language: string, encoding?: string): Promise<UploadedFileJson> {
	const form = new FormData();
	form.append('file', file, file.name);
	const query = encoding ? `?encoding=${encodeURIComponent(encoding)}` : '';
	let response: Response;
	try {
		response = await fetch(`/api${homeBase(home)}/files${query}`, {
			method: 'POST',
			body: form,
			credentials: 'same-origin',
			headers: { 'x-csrf-token': csrfToken, 'accept-language': language, accept: 'application/json' }
		});
	} catch (error) {
		throw new ApiError(0, null, (error as Error).message);
	}
	const body = (await response.json().catch(() => null)) as unknown;
	if (!response.ok) throw new ApiError(response.status, body as ApiErrorBody | null, `HTTP ${response.status}`);
	return body as UploadedFileJson;
}

export const importTargets = (entity: string) => get<ImportTargetsJson>(`${base(entity)}/targets`);
export const savedMappings = (entity: string) => get<Array<{ source: string; mapping: ImportMapping }>>(`${base(entity)}/mappings`);
export const saveMapping = (entity: string, source: string, mapping: ImportMapping) =>
	api<{ source: string; mapping: ImportMapping }>('PUT', `${base(entity)}/mappings/${encodeURIComponent(source)}`, { mapping });
/** A list's preview names no field and finds no duplicates before the run: its rows are filled to the records' shape. */
export const previewImport = async (home: ImportHome, fileId: string, mapping: ImportMapping) => {
	const answer = await post<{ rows: Array<Partial<ImportPreviewRowJson> & Pick<ImportPreviewRowJson, 'row' | 'cells'>>; total: number }>(`${homeBase(home)}/preview`, { fileId, mapping });
	const rows = answer.rows.map((r): ImportPreviewRowJson => ({
		row: r.row, cells: r.cells, duplicate: r.duplicate ?? null, issues: (r.issues ?? []).map((i) => ({ column: i.column ?? null, field: i.field ?? null, reason: i.reason }))
	}));
	return { rows, total: answer.total };
};
export const runImport = (entity: string, body: { fileId: string; mapping: ImportMapping; source?: string; target: ImportTarget; onDuplicate: 'skip' | 'update' }) =>
	post<{ batchId: string }>(base(entity), body);
/** Starts a number list's import; `matchCustomers` links each number to the customer with that phone (a task's list). */
export const runListImport = (home: Exclude<ImportHome, { type: 'entity' }>, body: { fileId: string; mapping: ImportMapping; matchCustomers?: boolean }) =>
	post<{ batchId: string }>(`${homeBase(home)}/imports`, body);
export const getBatch = (home: ImportHome, id: string) => get<ImportBatchJson>(batchPath(home, id));
/** The first lines of the row report (the page's table; the download has them all). */
export const reportRows = (home: ImportHome, id: string) => get<ImportReportRowsJson>(`${batchPath(home, id)}/report.json`);
export const reportUrl = (home: ImportHome, id: string, format: 'csv' | 'xlsx') => `/api${batchPath(home, id)}/report.${format}`;
