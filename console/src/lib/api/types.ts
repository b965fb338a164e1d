// The runtime's HTTP answers come from @telesales/schemas (shared with the runtime); only what the console
// sends is declared here.
import type {
	ApiErrorBody, DefinitionHeadJson, DefinitionSummary, EntityPermission, Filter, LogChangeJson, LogEntryJson, Me, MePermissions,
	PublicUser, RecordJson, RecordPage, SessionUser, ValidationIssue
} from '@telesales/schemas';

// Under their own names, so a reader finds them in schemas/src (and the runtime) as they are called here.
export type {
	ApiErrorBody, DefinitionHeadJson, DefinitionSummary, EntityPermission, LogChangeJson, LogEntryJson, Me, MePermissions,
	PublicUser, RecordJson, RecordPage, SessionUser, ValidationIssue
};

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
