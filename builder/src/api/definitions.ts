import type {
  DefinitionChange, DefinitionHeadJson, DefinitionKind, DefinitionOf, DefinitionSummary, EntityDefinition, ValidationIssue,
  VersionSummary,
} from '@telesales/schemas';
import { api } from './client';

/** The kinds the builder designs: every definition kind has a list, an editor and versions. */
export type { DefinitionKind };
/** A definition of a kind the builder designs. */
export type DesignedDefinition = DefinitionOf[DefinitionKind];

/** The shared API shapes (declared once, in @telesales/schemas), under their own names. */
export type { DefinitionChange, DefinitionHeadJson, DefinitionOf, DefinitionSummary, VersionSummary };

export interface VersionDetail<K extends DefinitionKind = DefinitionKind> extends VersionSummary {
  definition: DefinitionOf[K];
}

export interface Diff {
  from: string;
  to: string;
  changes: DefinitionChange[];
}

const base = (kind: DefinitionKind, key: string) => `/api/definitions/${kind}/${encodeURIComponent(key)}`;

export const listDefinitions = (kind: DefinitionKind) => api<DefinitionSummary[]>('GET', `/api/definitions?kind=${kind}`);
export const getDefinition = <K extends DefinitionKind>(kind: K, key: string) => api<DefinitionHeadJson<K>>('GET', base(kind, key));
export const createDefinition = <K extends DefinitionKind>(def: DefinitionOf[K]) =>
  api<DefinitionHeadJson<K>>('POST', '/api/definitions', def);
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
