export { LOCALES, keySchema, labelSchema, localTextSchema, uuidSchema } from './common.schema.js';
export { DEFINITION_KINDS } from './kinds/index.js';
export { definitionKinds, kindSpec, registerDefinitionKind, storedKinds } from './kinds/registry.js';
export { entitySchema, fieldSchema, optionSchema, sectionSchema } from './kinds/entity/schema.js';
export { roleSchema, entityPermissionSchema } from './kinds/role/schema.js';
export { templateSchema } from './kinds/template/schema.js';
export { poolSchema, recycleRuleSchema } from './kinds/pool/schema.js';
export { dispositionsSchema, dispositionOutcomeSchema } from './kinds/dispositions/schema.js';
export { checkDispositions } from './kinds/dispositions/checks.js';
export {
  campaignSchema, campaignRuleSchema, campaignColumnSchema, campaignRegionSchema, campaignScheduleSchema, campaignWeekSchema,
  CAMPAIGN_ACTIONS, CAMPAIGN_CARRIER_OUTCOMES, CALLING_WINDOW_PATTERN,
} from './kinds/campaign/schema.js';
export { checkCampaign } from './kinds/campaign/checks.js';
export { fieldToken, scriptTokens, SCRIPT_BUILTIN_TOKENS, type ScriptToken } from './kinds/campaign/script-tokens.js';
export {
  reportSchema, reportDimensionSchema, reportMeasureSchema, reportDateRangeSchema, reportSortSchema, reportVisualSchema,
  BUILT_IN_DIMENSIONS, DATE_BUCKETS, MEASURE_OPS, RELATIVE_RANGES, REPORT_SOURCE_PATTERN, VISUALS,
} from './kinds/report/schema.js';
export { checkReport } from './kinds/report/checks.js';
export { describeReport, type DescribeContext } from './kinds/report/describe.js';
export {
  BUILT_IN_PATHS, DEFAULT_DATE_FIELD, SCOPE_PATH, SOURCE_FIELDS, recordSourceFields, sourceEntity, sourceFields, sourceKind,
  type BuiltInDimension, type ReportField, type SourceKind,
} from './kinds/report/sources.js';
export { localDayNumber, previousRange, resolveRange, startOfLocalDayNumber, type DateRangeInput, type RelativeRange, type ResolvedRange } from './kinds/report/date-range.js';
export * from './metrics/index.js';
export { dashboardSchema, dashboardTileSchema, dashboardFiltersSchema, DASHBOARD_COLUMNS } from './kinds/dashboard/schema.js';
export { checkDashboard } from './kinds/dashboard/checks.js';
export { agentStatesSchema, agentStateSchema } from './kinds/agent-states/schema.js';
export { checkAgentStates } from './kinds/agent-states/checks.js';
export {
  flowSchema, flowNodeSchema, flowNodeConfigSchemas, flowTransitionSchema, promptSchema, flowNodeIdSchema, flowPortSchema, FLOW_NODE_TYPES,
} from './kinds/flow/schema.js';
export { FLOW_NODE_PORTS, flowPorts, type FlowPortSpec, type FlowNodePorts } from './flow-ports.js';
export { checkFlow, promptPaths } from './kinds/flow/checks.js';
export { filterSchema, FILTER_OPERATORS, FILTER_MAX_DEPTH, FILTER_MAX_CONDITIONS } from './filter.schema.js';
export * from './field-types.js';
export type * from './types.js';
export { createAjv } from './ajv.js';
export { dayExists, isIsoDate, isIsoDateTime, leadingDayExists } from './calendar.js';
export { localize, message } from './messages.js';
export { validateDefinition } from './validate-definition.js';
export { recordSchemaFor, valueSchemaFor } from './record-schema.js';
export { createRecordValidator, type RecordValidator } from './record-validator.js';
export { validateFilter, operatorsFor, searchTextIssues, SEARCH_TEXT_MAX, SYSTEM_FIELDS } from './filter.js';
export { callerPhoneField, normalizePhone, normalizePhoneValues, nationalDigits, nationalDialDigits, callingCode, isDialablePhone } from './phone.js';
export { maskValue } from './mask.js';
export { defaultValues } from './defaults.js';
export { errorSchema, issueSchema } from './api/errors.js';
export type * from './api/errors.js';
export {
  LOG_ACTIONS, authorSchema, logDetailSchema, logEntrySchema, ownershipRequestSchema, recordJsonSchema, recordPageSchema,
} from './api/records.js';
export type * from './api/records.js';
export { meEntityPermissionSchema, mePermissionsSchema, meSchema, sessionUserSchema } from './api/auth.js';
export type * from './api/auth.js';
export { publicUserSchema, teamJsonSchema } from './api/org.js';
export type * from './api/org.js';
export { localTextJsonSchema } from './api/local-text.js';
export {
  CALL_FAILURE_CAUSES, CALL_STATUSES, agentStateJsonSchema, agentStateOptionSchema, callConsultSchema, callDispositionSchema,
  callFailureSchema, callJsonSchema, callListSchema, callParticipantSchema, callTraceStepSchema, callTransferSchema,
  dialResultSchema, screenPopSchema, todayFiguresSchema,
} from './api/calls.js';
export type * from './api/calls.js';
export {
  COMPLIANCE_CHECKS, TASK_STATUS_VALUES, complianceReportSchema, previewNextSchema, taskCallPopSchema, taskFiguresSchema, taskListSchema,
  taskNumberJsonSchema, taskNumberPageSchema, taskPacingSchema, taskSummarySchema,
} from './api/outbound.js';
export type * from './api/outbound.js';
export { definitionChangeSchema, definitionHeadSchema, definitionSummarySchema, versionSummarySchema } from './api/definitions.js';
export type * from './api/definitions.js';
export {
  reportColumnSchema, reportDrillBodySchema, reportListItemSchema, reportListSchema, reportDrillPageSchema, reportFiguresSchema, reportParamsSchema, reportPreviewBodySchema,
  reportResultSchema, reportRunBodySchema,
} from './api/reports.js';
export type * from './api/reports.js';
export { dashboardJsonSchema, dashboardListSchema, dashboardSummarySchema, dashboardTileJsonSchema } from './api/dashboards.js';
export type * from './api/dashboards.js';
export { poolJsonSchema } from './api/pools.js';
export type * from './api/pools.js';
export {
  MONITOR_MODES, callMonitorSchema, wallboardAgentSchema, wallboardQueueSchema, wallboardSchema, wallboardTaskSchema,
} from './api/monitoring.js';
export type * from './api/monitoring.js';
export { skillGroupJsonSchema } from './api/skill-groups.js';
export type * from './api/skill-groups.js';
export type * from './ownership-types.js';
export type * from './import-types.js';
