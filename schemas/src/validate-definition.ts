import { createAjv, type Ajv } from './ajv.js';
import { entitySchema } from './entity.schema.js';
import { checkEntity } from './entity-checks.js';
import { issue, issuesFromAjv } from './messages.js';
import { flowSchema } from './flow.schema.js';
import { checkFlow } from './flow-checks.js';
import { poolSchema } from './pool.schema.js';
import { checkPool } from './pool-checks.js';
import { agentStatesSchema } from './agent-states.schema.js';
import { checkAgentStates, checkDispositions } from './call-definition-checks.js';
import { dispositionsSchema } from './dispositions.schema.js';
import { roleSchema } from './role.schema.js';
import { templateSchema } from './template.schema.js';
import type { AgentStatesDefinition, DispositionsDefinition, EntityDefinition, FlowDefinition, Locale, PoolDefinition, ValidationIssue } from './types.js';

export const DEFINITION_SCHEMAS = { entity: entitySchema, role: roleSchema, pool: poolSchema, flow: flowSchema,
  dispositions: dispositionsSchema, 'agent-states': agentStatesSchema, template: templateSchema,
} as const;
export type SchemaKind = keyof typeof DEFINITION_SCHEMAS;

let ajv: Ajv | undefined;
const validators = new Map<string, ReturnType<Ajv['compile']>>();

function validatorFor(kind: SchemaKind) {
  ajv ??= createAjv();
  let v = validators.get(kind);
  if (!v) {
    v = ajv.compile(DEFINITION_SCHEMAS[kind]);
    validators.set(kind, v);
  }
  return v;
}

export function isSchemaKind(kind: unknown): kind is SchemaKind {
  return typeof kind === 'string' && Object.hasOwn(DEFINITION_SCHEMAS, kind);
}

/**
 * Every problem in a definition, each with the JSON pointer of the offending value and a sentence in the
 * requested language. An empty list means it may be published.
 */
export function validateDefinition(def: unknown, locale: Locale = 'en'): ValidationIssue[] {
  const kind = (def as { kind?: unknown } | null)?.kind;
  if (!isSchemaKind(kind)) return [issue('/kind', 'unknown_kind', locale, { kind: String(kind) })];
  const validate = validatorFor(kind);
  if (!validate(def)) return issuesFromAjv(validate.errors, locale);
  if (kind === 'entity') return checkEntity(def as EntityDefinition, ajv!, locale);
  if (kind === 'pool') return checkPool(def as PoolDefinition, locale);
  if (kind === 'flow') return checkFlow(def as FlowDefinition, locale);
  if (kind === 'dispositions') return checkDispositions(def as DispositionsDefinition, locale);
  if (kind === 'agent-states') return checkAgentStates(def as AgentStatesDefinition, locale);
  return [];
}
