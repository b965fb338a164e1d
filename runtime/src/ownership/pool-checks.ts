import type { EntityDefinition, Locale, PoolDefinition, ValidationIssue } from '@telesales/schemas';
import type { DefinitionStore } from '../definitions/store.js';
import { text } from './messages.js';

/**
 * What a pool may only be checked against at publish time: its entity exists and has owners, the pools
 * its rules send records to hold the same entity, the fields its rules name exist, and an entity has at
 * most one pool of each system kind (approved lost/invalid requests must know where to go).
 */
export async function checkPoolReferences(store: DefinitionStore, pool: PoolDefinition, locale: Locale): Promise<ValidationIssue[]> {
  const out: ValidationIssue[] = [];
  const entity = (await store.getPublished('entity', pool.entity)) as EntityDefinition | null;
  if (!entity || entity.owned === false) {
    return [{ path: '/entity', code: 'unknown_entity', message: text('pool_entity_missing', locale, { entity: pool.entity }) }];
  }
  const pools = (await store.listPublished('pool')) as PoolDefinition[];
  const sameEntity = new Set(pools.filter((p) => p.entity === pool.entity).map((p) => p.key).concat(pool.key));
  const fields = new Set(entity.fields.filter((f) => !f.retired).map((f) => f.key));
  (pool.recycle ?? []).forEach((rule, i) => {
    if (rule.toPool && !sameEntity.has(rule.toPool)) {
      out.push({ path: `/recycle/${i}/toPool`, code: 'unknown_pool', message: text('unknown_pool_ref', locale, { pool: rule.toPool }) });
    }
    for (const [part, field] of [['dealWhen', rule.dealWhen?.field], ['resetStatus', rule.resetStatus?.field]] as const) {
      if (field && !fields.has(field)) out.push({ path: `/recycle/${i}/${part}/field`, code: 'unknown_field', message: text('unknown_field_ref', locale, { field }) });
    }
  });
  const twin = pool.system && pools.find((p) => p.entity === pool.entity && p.system === pool.system && p.key !== pool.key);
  if (twin) out.push({ path: '/system', code: 'duplicate_system_pool', message: text('system_pool_exists', locale, { system: pool.system!, pool: twin.key }) });
  return out;
}
