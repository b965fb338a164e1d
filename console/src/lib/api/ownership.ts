// Ownership calls: pools, claim/release/transfer, lost/invalid requests and their review, batch moves,
// merge, and the workbench's own figures (which double as the presence heartbeat).
import type { BatchResultJson, Filter, PoolJson, ReviewJson, WorkbenchOwnershipJson } from '@telesales/schemas';
import { get, post, api, qs } from './client';
import type { RecordJson, RecordPage } from './types';

const rec = (entity: string, id?: string) => `/records/${encodeURIComponent(entity)}${id ? `/${encodeURIComponent(id)}` : ''}`;
const pool = (key: string) => `/pools/${encodeURIComponent(key)}`;

export type RequestType = 'lost' | 'invalid';
export type TransferTarget = { ownerId: string } | { pool: string };

export function listPools(): Promise<PoolJson[]> {
	return get<PoolJson[]>('/pools');
}

export function poolRecords(
	key: string,
	query: { q?: string; filter?: Filter | null; sort?: string; page?: number; pageSize?: number }
): Promise<RecordPage> {
	const { filter, ...rest } = query;
	return get<RecordPage>(`${pool(key)}/records${qs({ ...rest, filter: filter ? JSON.stringify(filter) : undefined })}`);
}

export function claim(poolKey: string, id: string): Promise<RecordJson> {
	return post<RecordJson>(`${pool(poolKey)}/claim`, { id });
}

export function release(entity: string, id: string): Promise<void> {
	return post<void>(`${rec(entity, id)}/release`, {});
}

export function transfer(entity: string, id: string, target: TransferTarget): Promise<RecordJson> {
	return post<RecordJson>(`${rec(entity, id)}/transfer`, target);
}

export function requestReview(entity: string, id: string, type: RequestType, reason: string): Promise<RecordJson> {
	return post<RecordJson>(`${rec(entity, id)}/request`, { type, reason });
}

export function listReviews(): Promise<ReviewJson[]> {
	return get<ReviewJson[]>('/reviews');
}

export function review(entity: string, id: string, approve: boolean, note?: string): Promise<void> {
	return post<void>(`${rec(entity, id)}/review`, note ? { approve, note } : { approve });
}

/** Whom records of the entity may be given to: its sellers (not the workspace's admins), by name. */
export function entitySellers(entity: string): Promise<Array<{ id: string; name: string; login: string }>> {
	return get(`${rec(entity)}/sellers`);
}

export function batchAssign(entity: string, ids: string[], ownerId: string): Promise<BatchResultJson> {
	return post<BatchResultJson>(`${rec(entity)}/batch/assign`, { ids, ownerId });
}

export function batchMove(entity: string, ids: string[], poolKey: string): Promise<BatchResultJson> {
	return post<BatchResultJson>(`${rec(entity)}/batch/move`, { ids, pool: poolKey });
}

export function merge(entity: string, from: string, into: string): Promise<RecordJson> {
	return post<RecordJson>(`${rec(entity)}/merge`, { from, into });
}

export function ownershipMe(): Promise<WorkbenchOwnershipJson> {
	return get<WorkbenchOwnershipJson>('/ownership/me');
}

export function setReceiving(receiving: boolean): Promise<WorkbenchOwnershipJson> {
	return api<WorkbenchOwnershipJson>('PUT', '/ownership/me/receiving', { receiving });
}
