import type { PoolDefinition, RecyclePreviewJson } from '@telesales/schemas';
import { api } from './client';

export type { RecyclePreviewJson };

/** How many records the (unsaved) pool's recycle rules would take back if the sweep ran now. */
export const recyclePreview = (pool: PoolDefinition) => api<RecyclePreviewJson>('POST', '/api/pools/recycle-preview', { pool });
