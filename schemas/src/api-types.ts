import type { Author } from './api/records.js';
import type { DefinitionOf, LocalText, ValidationIssue } from './types.js';

/**
 * The shapes of the runtime's HTTP answers, shared by the runtime (which builds them), the builder and the
 * console (which read them), so none of them declares its own copy.
 */

/** GET /api/definitions?kind= */
export interface DefinitionSummary {
  id: string;
  kind: string;
  key: string;
  label: LocalText;
  /** Latest published version; 0 = never published. */
  version: number;
  hasDraft: boolean;
  updatedAt: string | null;
}

/** GET /api/definitions/:kind/:key: the published version and the draft of one definition. */
export interface DefinitionHeadJson<K extends keyof DefinitionOf = keyof DefinitionOf> {
  id: string;
  kind: K;
  key: string;
  version: number;
  published: DefinitionOf[K] | null;
  draft: DefinitionOf[K] | null;
  publishedAt: string | null;
  publishedBy: Author | null;
  draftUpdatedAt?: string | null;
  draftUpdatedBy?: Author | null;
}

export interface VersionSummary {
  version: number;
  message: string;
  publishedAt: string;
  publishedBy: Author | null;
}

/** One difference between two versions; lists (fields, sections, options) are matched by stable id. */
export interface DefinitionChange {
  change: 'added' | 'removed' | 'changed';
  path: string;
  target: 'definition' | 'field' | 'option' | 'section' | 'property';
  id?: string;
  /** The label of the field, section or option the change is about. */
  label?: LocalText;
  before?: unknown;
  after?: unknown;
}

/** Every error answer. */
export interface ApiErrorBody {
  statusCode: number;
  error?: string;
  code: string;
  message: string;
  errors?: ValidationIssue[];
  /** version_conflict: the record's current version. */
  current?: number;
}
