import type { EntityDefinition, LocalText, ValidationIssue } from '@telesales/schemas';
import { api } from './client';

export interface DefinitionSummary {
  id: string;
  kind: string;
  key: string;
  label: LocalText;
  version: number; // latest published, 0 = never published
  hasDraft: boolean;
  updatedAt: string;
}

export interface EntityRecord {
  id: string;
  kind: 'entity';
  key: string;
  version: number;
  published: EntityDefinition | null;
  draft: EntityDefinition | null;
  publishedAt: string | null;
  publishedBy: { id: string; name: string } | string | null;
}

export interface VersionSummary {
  version: number;
  message: string;
  publishedAt: string;
  publishedBy: { id: string; name: string } | null;
}

export interface VersionDetail extends VersionSummary {
  definition: EntityDefinition;
}

export interface DiffChange {
  change: 'added' | 'removed' | 'changed';
  path: string;
  /** 'property' is what the runtime answers for a property change inside a field, option or the entity. */
  target: 'field' | 'option' | 'section' | 'definition' | 'property';
  id?: string;
  label?: LocalText | string;
  before?: unknown;
  after?: unknown;
}

export interface Diff {
  from: number;
  to: number;
  changes: DiffChange[];
}

const base = (key: string) => `/api/definitions/entity/${encodeURIComponent(key)}`;

export const listDefinitions = (kind: 'entity' | 'role') =>
  api<DefinitionSummary[]>('GET', `/api/definitions?kind=${kind}`);
export const getEntity = (key: string) => api<EntityRecord>('GET', base(key));
export const createEntity = (def: EntityDefinition) => api<EntityRecord>('POST', '/api/definitions', def);
export const saveDraft = (def: EntityDefinition) =>
  api<{ draft: EntityDefinition; issues: ValidationIssue[] }>('PUT', `${base(def.key)}/draft`, def);
export const discardDraft = (key: string) => api<void>('DELETE', `${base(key)}/draft`);
export const publish = (key: string, message: string) =>
  api<{ version: number; publishedAt: string }>('POST', `${base(key)}/publish`, { message });
export const listVersions = (key: string) => api<VersionSummary[]>('GET', `${base(key)}/versions`);
export const getVersion = (key: string, version: number) =>
  api<VersionDetail>('GET', `${base(key)}/versions/${version}`);
export const getDiff = (key: string, from: number, to: number) =>
  api<Diff>('GET', `${base(key)}/diff?from=${from}&to=${to}`);
export const rollback = (key: string, version: number, message: string) =>
  api<{ version: number; publishedAt: string }>('POST', `${base(key)}/rollback`, { version, message });
