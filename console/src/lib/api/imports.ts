// The import wizard's calls (runtime/src/imports): upload, mappings, preview, run, batches, reports.
import { ApiError, get, post, api } from './client';
import type { ApiErrorBody } from './types';

// The wire types are shared with the runtime (schemas/src/import-types.ts), under their own names.
import type { ImportBatchJson, ImportMapping, ImportPreviewRowJson, ImportTarget, ImportTargetsJson, UploadedFileJson } from '@telesales/schemas';
export type { ImportBatchJson, ImportMapping, ImportPreviewRowJson, ImportTarget, ImportTargetsJson, UploadedFileJson };

const base = (entity: string) => `/imports/${encodeURIComponent(entity)}`;

/**
 * Multipart, so not through api(): the same headers by hand (CSRF token, UI language). `encoding`: the one the
 * person picked when the server's guess was uncertain (the file is read again with it).
 */
export async function uploadFile(entity: string, file: File, csrfToken: string, language: string, encoding?: string): Promise<UploadedFileJson> {
	const form = new FormData();
	form.append('file', file, file.name);
	const query = encoding ? `?encoding=${encodeURIComponent(encoding)}` : '';
	let response: Response;
	try {
		response = await fetch(`/api${base(entity)}/files${query}`, {
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
export const previewImport = (entity: string, fileId: string, mapping: ImportMapping) =>
	post<{ rows: ImportPreviewRowJson[]; total: number }>(`${base(entity)}/preview`, { fileId, mapping });
export const runImport = (entity: string, body: { fileId: string; mapping: ImportMapping; source?: string; target: ImportTarget; onDuplicate: 'skip' | 'update' }) =>
	post<{ batchId: string }>(base(entity), body);
export const getBatch = (entity: string, id: string) => get<ImportBatchJson>(`${base(entity)}/batches/${encodeURIComponent(id)}`);
export const reportUrl = (entity: string, id: string, format: 'csv' | 'xlsx') => `/api${base(entity)}/batches/${encodeURIComponent(id)}/report.${format}`;
