// Pure, immutable edits of a pool definition; the editor's components only call these.
import type { EntityDefinition, PoolDefinition } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

export type Principal = NonNullable<PoolDefinition['members']>[number];
export type PrincipalType = Principal['type'];
export type RecycleRule = NonNullable<PoolDefinition['recycle']>[number];

export const PRINCIPAL_TYPES = ['team', 'role', 'user'] as const satisfies readonly PrincipalType[];

/** Sets one top-level property; undefined (or an empty text) removes the key, as the schema wants it absent. */
export function setProp<K extends keyof PoolDefinition>(def: PoolDefinition, key: K, value: PoolDefinition[K] | undefined): PoolDefinition {
  const next = { ...def };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

export const samePrincipal = (a: Principal, b: Principal) => a.type === b.type && a.ref === b.ref;

/** The entity's single-choice fields (not retired): what "deal means" and "reset status to" choose from. */
export function selectFields(entity: EntityDefinition | undefined) {
  return (entity?.fields ?? []).filter((f) => f.type === 'select' && !f.retired);
}

export function optionsOf(entity: EntityDefinition | undefined, fieldKey: string | undefined) {
  const field = selectFields(entity).find((f) => f.key === fieldKey);
  return (field?.options ?? []).filter((o) => !o.retired);
}

/**
 * "Pending follow-up" is the domain's default status after a recycle: a select field keyed `status` with a
 * `pending` option, when the entity has them.
 */
export function defaultResetStatus(entity: EntityDefinition | undefined): RecycleRule['resetStatus'] {
  return optionsOf(entity, 'status').some((o) => o.value === 'pending') ? { field: 'status', value: 'pending' } : undefined;
}

/** "Won" is the usual deal status; otherwise the admin picks the values. */
export function defaultDealWhen(entity: EntityDefinition | undefined): RecycleRule['dealWhen'] {
  return optionsOf(entity, 'status').some((o) => o.value === 'won') ? { field: 'status', values: ['won'] } : undefined;
}

export function newRule(entity: EntityDefinition | undefined): RecycleRule {
  const rule: RecycleRule = { id: uuid(), when: 'noFollowUp', after: { value: 72, unit: 'hours' } };
  const reset = defaultResetStatus(entity);
  return reset ? { ...rule, resetStatus: reset } : rule;
}

/** Drops keys set to undefined so a stored rule never carries an explicit `undefined`. */
function clean(rule: RecycleRule): RecycleRule {
  const out = { ...rule } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as RecycleRule;
}

export function updateRule(def: PoolDefinition, id: string, patch: Partial<RecycleRule>, entity?: EntityDefinition): PoolDefinition {
  const recycle = (def.recycle ?? []).map((r) => {
    if (r.id !== id) return r;
    const next = { ...r, ...patch };
    // "No deal" needs to know what a deal is; "not followed up" has no use for it.
    if (patch.when === 'noDeal' && !next.dealWhen) next.dealWhen = defaultDealWhen(entity);
    if (patch.when === 'noFollowUp') delete next.dealWhen;
    return clean(next);
  });
  return { ...def, recycle };
}

export const addRule = (def: PoolDefinition, rule: RecycleRule): PoolDefinition => ({ ...def, recycle: [...(def.recycle ?? []), rule] });

export const removeRule = (def: PoolDefinition, id: string): PoolDefinition => ({ ...def, recycle: (def.recycle ?? []).filter((r) => r.id !== id) });
