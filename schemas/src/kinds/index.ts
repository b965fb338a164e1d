import { agentStatesKind } from './agent-states/index.js';
import { campaignKind } from './campaign/index.js';
import { dashboardKind } from './dashboard/index.js';
import { dispositionsKind } from './dispositions/index.js';
import { entityKind } from './entity/index.js';
import { flowKind } from './flow/index.js';
import type { DefinitionKindSpec } from './kind.js';
import { poolKind } from './pool/index.js';
import { reportKind } from './report/index.js';
import { roleKind } from './role/index.js';
import { templateKind } from './template/index.js';

/**
 * The one table of definition kinds (as Twenty keeps one list of metadata kinds). The validator, the
 * definitions API (its routes, the enum of kinds, the OpenAPI description), publish checks, the JSON
 * Schema files and the builder's routing and labels all read it; no other file names every kind.
 * A new kind is a folder beside these (schema.ts, checks.ts, texts.ts, index.ts) and a line here; then its
 * capability's own runtime plugin and its editor in the builder (builder/src/app/kind-editors.tsx).
 */
export const DEFINITION_KINDS = [entityKind, roleKind, poolKind, flowKind, dispositionsKind, agentStatesKind, campaignKind, reportKind, dashboardKind, templateKind] as const;

type BuiltInKind = (typeof DEFINITION_KINDS)[number];
type StoredKind = Exclude<BuiltInKind, { stored: false }>;
type DefinitionOfSpec<S> = S extends DefinitionKindSpec<string, infer D> ? D : never;

/** Kinds the definitions API stores, publishes and versions (every kind but the template manifest). */
export type DefinitionKind = StoredKind['kind'];
/** The definition type stored under each kind. */
export type DefinitionOf = { [S in StoredKind as S['kind']]: DefinitionOfSpec<S> };
export type AnyDefinition = DefinitionOf[DefinitionKind];
