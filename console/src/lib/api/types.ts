// The runtime's HTTP answers come from @telesales/schemas (shared with the runtime); only what the console
// sends is declared here.
import type {
	ApiErrorBody, DefinitionHeadJson, DefinitionSummary, EntityPermission, Filter, LogEntryJson, Me, MePermissions,
	PublicUser, RecordJson, RecordPage, SessionUser, ValidationIssue
} from '@telesales/schemas';

export type { ApiErrorBody, DefinitionSummary, EntityPermission, Me, RecordPage, SessionUser };

// The console's names for the shared API shapes.
export type Permissions = MePermissions;
export type DefinitionDoc = DefinitionHeadJson<'entity'>;
export type RecordDoc = RecordJson;
export type LogEntry = LogEntryJson;
export type LogChange = LogEntryJson['changes'][number];
export type UserSummary = PublicUser;
export type FieldIssue = ValidationIssue;

export type RecordValues = Record<string, unknown>;

export interface RecordQuery {
	filter?: Filter;
	q?: string;
	sort?: string;
	page?: number;
	pageSize?: number;
}

export interface SavedFilter {
	id: string;
	entity: string;
	name: string;
	filter?: Filter | null;
	q?: string | null;
	sort?: string | null;
}
