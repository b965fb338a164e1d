import { del, get, patch, post, qs } from './client';
import type { LogEntryJson, RecordJson, RecordPage, RecordQuery, RecordValues } from './types';

const base = (entity: string) => `/records/${encodeURIComponent(entity)}`;

export function queryRecords(entity: string, query: RecordQuery): Promise<RecordPage> {
	return post<RecordPage>(`${base(entity)}/query`, query);
}

export function getRecord(entity: string, id: string): Promise<RecordJson> {
	return get<RecordJson>(`${base(entity)}/${encodeURIComponent(id)}`);
}

export function createRecord(entity: string, values: RecordValues): Promise<RecordJson> {
	return post<RecordJson>(base(entity), { values });
}

/**
 * The screen pop's new-customer form: the record is made from an inbound call and the server fills its phone
 * from the call record, so the caller's number (masked for most agents) never passes through the page.
 */
export function createRecordFromCall(callId: string, entity: string, values: RecordValues): Promise<RecordJson> {
	return post<RecordJson>(`/calls/${encodeURIComponent(callId)}/caller-record`, { entity, values });
}

export function updateRecord(entity: string, id: string, version: number, values: RecordValues): Promise<RecordJson> {
	return patch<RecordJson>(`${base(entity)}/${encodeURIComponent(id)}`, { version, values });
}

export function deleteRecord(entity: string, id: string, version: number): Promise<void> {
	return del(`${base(entity)}/${encodeURIComponent(id)}${qs({ version })}`);
}

export function recordLog(entity: string, id: string): Promise<LogEntryJson[]> {
	return get<LogEntryJson[]>(`${base(entity)}/${encodeURIComponent(id)}/log`);
}
