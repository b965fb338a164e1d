export { LOCALES, keySchema, labelSchema, localTextSchema, uuidSchema } from './common.schema.js';
export { entitySchema, fieldSchema, optionSchema, sectionSchema } from './entity.schema.js';
export { roleSchema, entityPermissionSchema } from './role.schema.js';
export { templateSchema } from './template.schema.js';
export { poolSchema, recycleRuleSchema } from './pool.schema.js';
export { dispositionsSchema, dispositionOutcomeSchema } from './dispositions.schema.js';
export { agentStatesSchema, agentStateSchema } from './agent-states.schema.js';
export { checkDispositions, checkAgentStates } from './call-definition-checks.js';
export {
  flowSchema, flowNodeSchema, flowNodeConfigSchemas, flowTransitionSchema, promptSchema, flowNodeIdSchema, flowPortSchema, FLOW_NODE_TYPES,
} from './flow.schema.js';
export { FLOW_NODE_PORTS, flowPorts, type FlowPortSpec, type FlowNodePorts } from './flow-ports.js';
export { checkFlow, promptPaths } from './flow-checks.js';
export { filterSchema, FILTER_OPERATORS, FILTER_MAX_DEPTH, FILTER_MAX_CONDITIONS } from './filter.schema.js';
export * from './field-types.js';
export type * from './types.js';
export { createAjv } from './ajv.js';
export { localize, message } from './messages.js';
export { validateDefinition, isSchemaKind, DEFINITION_SCHEMAS, type SchemaKind } from './validate-definition.js';
export { recordSchemaFor, valueSchemaFor } from './record-schema.js';
export { createRecordValidator, type RecordValidator } from './record-validator.js';
export { validateFilter, operatorsFor, SYSTEM_FIELDS } from './filter.js';
export { normalizePhone, normalizePhoneValues, nationalDigits, callingCode, isDialablePhone } from './phone.js';
export { maskValue } from './mask.js';
export { defaultValues } from './defaults.js';
export type * from './api-types.js';
export type * from './ownership-types.js';
export type * from './import-types.js';
export type * from './call-types.js';
