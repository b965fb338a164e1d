import type { DefinitionKind, EntityDefinition, LocalText, RoleDefinition, ValidationIssue } from '@telesales/schemas';
import { api } from './client';

export type { DefinitionKind };

/** The definition type stored under each kind. */
export interface DefinitionOf {
  entity: EntityDefinition;
  role: RoleDefinition;
}

export interface DefinitionSummary {
  id: string;
  kind: string;
  key: string;
  label: LocalText;
  version: number; // latest published, 0 = never published
  hasDraft: boolean;
  updatedAt: string;
}

/** What GET /api/definitions/:kind/:key answers: the published version and the draft of one definition. */
export interface DefinitionRecord<K extends DefinitionKind = DefinitionKind> {
  id: string;
  kind: K;
  key: string;
  version: number;
  published: DefinitionOf[K] | null;
  draft: DefinitionOf[K] | null;
  publishedAt: string | null;
  publishedBy: { id: string; name: string } | string | null;
}

export type EntityRecord = DefinitionRecord<'entity'>;
export type RoleRecord = DefinitionRecord<'role'>;

export interface VersionSummary {
  version: number;
  message: string;
  publishedAt: string;
  publishedBy: { id: string; name: string } | null;
}

export interface VersionDetail<K extends DefinitionKind = DefinitionKind> extends VersionSummary {
  definition: DefinitionOf[K];
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

const base = (kind: DefinitionKind, key: string) => `/api/definitions/${kind}/${encodeURIComponent(key)}`;

export const listDefinitions = (kind: DefinitionKind) => api<DefinitionSummary[]>('GET', `/api/definitions?kind=${kind}`);
export const getDefinition = <K extends DefinitionKind>(kind: K, key: string) => api<DefinitionRecord<K>>('GET', base(kind, key));
export const createDefinition = <K extends DefinitionKind>(def: DefinitionOf[K]) =>
  api<DefinitionRecord<K>>('POST', '/api/definitions', def);
export const saveDraft = <D extends DefinitionOf[DefinitionKind]>(def: D) =>
  api<{ draft: D; issues: ValidationIssue[] }>('PUT', `${base(def.kind, def.key)}/draft`, def);
export const discardDraft = (kind: DefinitionKind, key: string) => api<void>('DELETE', `${base(kind, key)}/draft`);
export const publish = (kind: DefinitionKind, key: string, message: string) =>
  api<{ version: number; publishedAt: string }>('POST', `${base(kind, key)}/publish`, { message });
export const listVersions = (kind: DefinitionKind, key: string) => api<VersionSummary[]>('GET', `${base(kind, key)}/versions`);
export const getVersion = <K extends DefinitionKind>(kind: K, key: string, version: number) =>
  api<VersionDetail<K>>('GET', `${base(kind, key)}/versions/${version}`);
export const getDiff = (kind: DefinitionKind, key: string, from: number, to: number) =>
  api<Diff>('GET', `${base(kind, key)}/diff?from=${from}&to=${to}`);
export const rollback = (kind: DefinitionKind, key: string, version: number, message: string) =>
  api<{ version: number; publishedAt: string }>('POST', `${base(kind, key)}/rollback`, { version, message });

// Entity shorthands (the entity designer's original calls).
export const getEntity = (key: string) => getDefinition('entity', key);
export const createEntity = (def: EntityDefinition) => createDefinition<'entity'>(def);
