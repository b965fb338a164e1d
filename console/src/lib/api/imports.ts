// The import wizard's calls (runtime/src/imports): upload, mappings, preview, run, batches, reports.
import type { LocalText } from '@telesales/schemas';
import { ApiError, get, post, api } from './client';
import type { ApiErrorBody } from './types';

export type Mapping = Record<string, string>;

export interface UploadedFile {
	fileId: string;
	name: string;
	format: 'csv' | 'xlsx';
	encoding: string;
	columns: string[];
	rows: number;
	sample: string[][];
	fields: Array<{ key: string; label: LocalText; type: string; required: boolean }>;
	suggested: Mapping;
}

export interface ImportTargets {
	owned: boolean;
	pools: Array<{ key: string; label: LocalText; mode: string; system?: string; condition: boolean }>;
	auto: boolean;
	agents: Array<{ id: string; name: string }>;
}

export interface PreviewRow {
	row: number;
	cells: string[];
	issues: Array<{ column: string | null; field: string | null; reason: string }>;
	duplicate: null | { kind: 'file' | 'db'; row?: number; reason: string };
}

export type ImportTarget = { type: 'pool'; pool: string } | { type: 'agents'; ownerIds: string[]; mode: 'roundRobin' };

export interface ImportBatch {
	id: string;
	entity: string;
	fileName: string;
	source: string | null;
	status: 'running' | 'done' | 'failed' | 'interrupted';
	total: number;
	processed: number;
	inserted: number;
	updated: number;
	rejected: number;
	duplicatesInFile: number;
	duplicatesInDb: number;
}

const base = (entity: string) => `/imports/${encodeURIComponent(entity)}`;

/** Multipart, so not through api(): the same headers by hand (CSRF token, UI language). */
export async function uploadFile(entity: string, file: File, csrfToken: string, language: string): Promise<UploadedFile> {
	const form = new FormData();
	form.append('file', file, file.name);
	let response: Response;
	try {
		response = await fetch(`/api${base(entity)}/files`, {
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
	return body as UploadedFile;
}

export const importTargets = (entity: string) => get<ImportTargets>(`${base(entity)}/targets`);
export const savedMappings = (entity: string) => get<Array<{ source: string; mapping: Mapping }>>(`${base(entity)}/mappings`);
export const saveMapping = (entity: string, source: string, mapping: Mapping) =>
	api<{ source: string; mapping: Mapping }>('PUT', `${base(entity)}/mappings/${encodeURIComponent(source)}`, { mapping });
export const previewImport = (entity: string, fileId: string, mapping: Mapping) =>
	post<{ rows: PreviewRow[]; total: number }>(`${base(entity)}/preview`, { fileId, mapping });
export const runImport = (entity: string, body: { fileId: string; mapping: Mapping; source?: string; target: ImportTarget; onDuplicate: 'skip' | 'update' }) =>
	post<{ batchId: string }>(base(entity), body);
export const getBatch = (entity: string, id: string) => get<ImportBatch>(`${base(entity)}/batches/${encodeURIComponent(id)}`);
export const reportUrl = (entity: string, id: string, format: 'csv' | 'xlsx') => `/api${base(entity)}/batches/${encodeURIComponent(id)}/report.${format}`;
