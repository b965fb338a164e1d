import { normalizePhone } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { recordContext } from '../records/context.js';
import { recordJson } from '../records/record-json.js';
import type { LookupFn } from './simulator.js';
import { skillGroupsCollection } from './skill-groups.js';

/**
 * A simulated lookup against the real records, as the person simulating may see them: their data scope,
 * only phone fields they can see, values masked unless their role unmasks. An entity they may not read
 * answers "not found", like a number nobody has.
 */
export function liveLookup(app: FastifyInstance, request: FastifyRequest): LookupFn {
  return async (entityKey, number) => {
    let ctx;
    try {
      ctx = await recordContext(app, request, entityKey, 'read');
    } catch (e) {
      if (e instanceof ApiError) return { found: false };
      throw e;
    }
    const phones = ctx.entity.fields.filter((f) => f.type === 'phone' && ctx.view.visible(f));
    if (!phones.length) return { found: false };
    // Stored phones are normalised with their field's default country; the caller's number is matched the same way.
    const byField = phones.map((f) => ({ [`values.${f.key}`]: normalizePhone(number, f.defaultCountry) }));
    const doc = await ctx.collection.findOne({ $and: [ctx.scope, { deletedAt: null }, { $or: byField }] });
    if (!doc) return { found: false };
    const json = await recordJson(ctx, doc);
    // The record's id, owner and the owner's skill groups come along, so a flow can route a known customer
    // to the group of the agent who owns them.
    const groups = json.ownerId
      ? (await skillGroupsCollection(app.db).find({ members: json.ownerId }, { projection: { key: 1 } }).sort({ key: 1 }).toArray()).map((g) => g.key)
      : [];
    return { found: true, values: { ...json.values, _id: json.id, _ownerId: json.ownerId, _ownerName: json.ownerName, _ownerSkillGroups: groups } };
  };
}
