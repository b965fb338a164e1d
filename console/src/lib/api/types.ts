// Shapes of the runtime's HTTP answers (contract: "HTTP API"). Definition shapes are NOT declared here:
// they come from @telesales/schemas.
import type { EntityDefinition, EntityPermission, Filter, Locale, LocalText } from '@telesales/schemas';

export type { EntityPermission };

export interface SessionUser {
	id: string;
	login: string;
	name: string;
	role: string;
	teamId: string | null;
	locale: Locale;
}

export interface Permissions {
	manageDefinitions: boolean;
	manageUsers: boolean;
	restoreRecords: boolean;
	entities: Record<string, EntityPermission>;
}

export interface Me {
	user: SessionUser;
	csrfToken: string;
	permissions: Permissions;
}

export interface DefinitionSummary {
	id: string;
	kind: string;
	key: string;
	label: LocalText;
	version: number;
	hasDraft: boolean;
	updatedAt: string;
}

export interface DefinitionDoc<D = EntityDefinition> {
	id: string;
	kind: string;
	key: string;
	version: number;
	published: D | null;
	draft: D | null;
	publishedAt: string | null;
	publishedBy: unknown;
}

export type RecordValues = Record<string, unknown>;

export interface RecordDoc {
	id: string;
	entity: string;
	version: number;
	ownerId: string | null;
	ownerName?: string | null;
	createdAt: string;
	createdBy: string;
	updatedAt: string;
	updatedBy: string;
	deletedAt?: string | null;
	values: RecordValues;
	masked?: string[];
	readOnly?: string[];
}

export interface RecordPage {
	items: RecordDoc[];
	total: number;
	page: number;
	pageSize: number;
}

export interface RecordQuery {
	filter?: Filter;
	q?: string;
	sort?: string;
	page?: number;
	pageSize?: number;
}

export interface LogChange {
	field: string;
	label?: LocalText | string;
	before?: unknown;
	after?: unknown;
}

export interface LogEntry {
	id: string;
	action: 'create' | 'update' | 'delete' | 'restore';
	at: string;
	by: { id: string; name: string };
	changes: LogChange[];
}

export interface SavedFilter {
	id: string;
	entity: string;
	name: string;
	filter?: Filter | null;
	q?: string | null;
	sort?: string | null;
}

export interface UserSummary {
	id: string;
	login: string;
	name: string;
	teamId: string | null;
	role: string;
}

export interface FieldIssue {
	path: string;
	code: string;
	message: string;
}

export interface ApiErrorBody {
	statusCode: number;
	error?: string;
	code?: string;
	message?: string;
	errors?: FieldIssue[];
	current?: number;
}
