import type { Author } from './api/records.js';
import type { DefinitionOf, EntityPermission, Locale, LocalText, ValidationIssue } from './types.js';

/**
 * The shapes of the runtime's HTTP answers, shared by the runtime (which builds them), the builder and the
 * console (which read them), so none of them declares its own copy.
 */

export interface SessionUser {
  id: string;
  login: string;
  name: string;
  /** Role key. */
  role: string;
  teamId: string | null;
  locale: Locale;
}

export interface MePermissions {
  manageDefinitions: boolean;
  manageUsers: boolean;
  restoreRecords: boolean;
  /** May call a number typed by hand (POST /api/calls/dial-number); the console shows the dial pad. */
  dialNumbers: boolean;
  entities: Record<string, EntityPermission>;
}

/** GET /api/auth/me and POST /api/auth/login. */
export interface Me {
  user: SessionUser;
  /** The role's name from its published definition (the UI shows it, not the role's key); absent for an unknown role. */
  roleLabel?: LocalText;
  csrfToken: string;
  permissions: MePermissions;
}

/** GET /api/users: what any signed-in person may know of a colleague. */
export interface PublicUser {
  id: string;
  login: string;
  name: string;
  role: string;
  teamId: string | null;
  locale: Locale;
  disabled: boolean;
}

/** GET /api/teams: a tree through parentId. */
export interface TeamJson {
  id: string;
  key: string;
  name: LocalText;
  parentId: string | null;
}

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
