import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
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
      ctx = await app.records.context(request, entityKey, 'read');
    } catch (e) {
      if (e instanceof ApiError) return { found: false };
      throw e;
    }
    const doc = await app.records.findByPhone(ctx, number);
    if (!doc) return { found: false };
    const json = await app.records.jsonOne(ctx, doc);
    // The record's id, owner and the owner's skill groups come along, so a flow can route a known customer
    // to the group of the agent who owns them.
    const groups = json.ownerId
      ? (await skillGroupsCollection(app.db).find({ members: json.ownerId }, { projection: { key: 1 } }).sort({ key: 1 }).toArray()).map((g) => g.key)
      : [];
    return { found: true, values: { ...json.values, _id: json.id, _ownerId: json.ownerId, _ownerName: json.ownerName, _ownerSkillGroups: groups } };
  };
}
