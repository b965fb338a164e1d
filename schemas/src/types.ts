import type { FromSchema } from 'json-schema-to-ts';
import type { entitySchema, fieldSchema, optionSchema, sectionSchema } from './kinds/entity/schema.js';
import type { entityPermissionSchema, roleSchema } from './kinds/role/schema.js';
import type { templateSchema } from './kinds/template/schema.js';
import type { poolSchema, recycleRuleSchema } from './kinds/pool/schema.js';
import type { flowNodeSchema, flowSchema, promptSchema } from './kinds/flow/schema.js';
import type { dispositionOutcomeSchema, dispositionsSchema } from './kinds/dispositions/schema.js';
import type { agentStateSchema, agentStatesSchema } from './kinds/agent-states/schema.js';
import type { campaignColumnSchema, campaignRegionSchema, campaignRuleSchema, campaignSchema } from './kinds/campaign/schema.js';
import type { reportDimensionSchema, reportMeasureSchema, reportSchema } from './kinds/report/schema.js';
import type { dashboardSchema, dashboardTileSchema } from './kinds/dashboard/schema.js';
import type { FILTER_OPERATORS } from './filter.schema.js';
import type { LOCALES } from './common.schema.js';

/** Types derived from the schemas, never written twice. */
export type Locale = (typeof LOCALES)[number];
export type LocalText = { zh?: string; en?: string };
export type EntityDefinition = FromSchema<typeof entitySchema>;
export type FieldDefinition = FromSchema<typeof fieldSchema>;
export type FieldOption = FromSchema<typeof optionSchema>;
export type SectionDefinition = FromSchema<typeof sectionSchema>;
export type RoleDefinition = FromSchema<typeof roleSchema>;
export type EntityPermission = FromSchema<typeof entityPermissionSchema>;
export type TemplateManifest = FromSchema<typeof templateSchema>;
export type PoolDefinition = FromSchema<typeof poolSchema>;
export type RecycleRule = FromSchema<typeof recycleRuleSchema>;
export type FlowDefinition = FromSchema<typeof flowSchema>;
export type FlowNode = FromSchema<typeof flowNodeSchema>;
export type FlowNodeType = FlowNode['type'];
/** The node of one type, with its config typed: FlowNodeOf<'menu'>['config']['options']. */
export type FlowNodeOf<T extends FlowNodeType> = Extract<FlowNode, { type: T }>;
export type Prompt = FromSchema<typeof promptSchema>;
export type DispositionsDefinition = FromSchema<typeof dispositionsSchema>;
export type DispositionOutcome = FromSchema<typeof dispositionOutcomeSchema>;
export type AgentStatesDefinition = FromSchema<typeof agentStatesSchema>;
export type AgentStateDefinition = FromSchema<typeof agentStateSchema>;
export type AgentStateKind = AgentStateDefinition['kind'];
export type CampaignDefinition = FromSchema<typeof campaignSchema>;
export type CampaignRule = FromSchema<typeof campaignRuleSchema>;
export type CampaignColumn = FromSchema<typeof campaignColumnSchema>;
export type CampaignRegion = FromSchema<typeof campaignRegionSchema>;
export type CampaignCarrierOutcome = NonNullable<CampaignRule['outcome']>;
export type CampaignAction = CampaignRule['action'];
export type ReportDefinition = FromSchema<typeof reportSchema>;
export type ReportDimension = FromSchema<typeof reportDimensionSchema>;
export type ReportMeasure = FromSchema<typeof reportMeasureSchema>;
export type DashboardDefinition = FromSchema<typeof dashboardSchema>;
export type DashboardTile = FromSchema<typeof dashboardTileSchema>;
export type DataScope = NonNullable<RoleDefinition['dataScope']>;
export type FieldAccess = 'hidden' | 'read' | 'edit';

export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type FilterValue = string | number | boolean | Array<string | number | boolean>;
export type FilterCondition = { field: string; op: FilterOperator; value?: FilterValue };
export type Filter = { and: Filter[] } | { or: Filter[] } | FilterCondition;

/** The kinds, and the definition type of each, come from the one table of kinds (kinds/index.ts). */
export type { AnyDefinition, DefinitionKind, DefinitionOf } from './kinds/index.js';
export type { DefinitionKindSpec, KindTexts, CheckContext } from './kinds/kind.js';

/** One problem found in a definition, a record or a filter: where (JSON pointer), what (code) and why. */
export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}
