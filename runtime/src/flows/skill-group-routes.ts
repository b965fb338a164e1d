import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { skillGroupJsonSchema } from '@telesales/schemas';
import { errorResponses } from '../http/schemas.js';
import { usersCollection } from '../org/users.js';
import { text } from './messages.js';
import { flowsUsingSkillGroup, skillGroupsCollection, toSkillGroupJson, type SkillGroupDoc } from './skill-groups.js';

/** Shared with the apps (schemas/src/api/skill-groups.ts). */
const skillGroupJson = skillGroupJsonSchema;

const keyParams = { type: 'object', properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } }, required: ['key'] } as const;

const nameBody = {
  type: 'object',
  properties: { zh: { type: 'string', minLength: 1, maxLength: 200 }, en: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['zh', 'en'],
  additionalProperties: false,
} as const;

/** Skill groups: anyone signed in reads them (flows and the console name them); people who manage users change them. */
export async function skillGroupRoutes(app: FastifyInstance) {
  app.addHook('onRequest', app.authenticate);

  app.get('/api/skill-groups', {
    schema: { tags: ['flows'], summary: 'Skill groups (the agents a flow queue rings)', response: { 200: { type: 'array', items: skillGroupJson } } },
  }, async () => (await skillGroupsCollection(app.db).find().sort({ key: 1 }).toArray()).map(toSkillGroupJson));

  app.put('/api/skill-groups/:key', {
    schema: {
      tags: ['flows'], summary: 'Create or replace a skill group',
      params: keyParams,
      body: {
        type: 'object',
        properties: { name: nameBody, members: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 1000, uniqueItems: true } },
        required: ['name', 'members'],
        additionalProperties: false,
      },
      response: { 200: skillGroupJson, ...errorResponses(400, 403) },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    if (!(await app.permissions.of(request.session!.user)).manageUsers) throw new ApiError(403, 'forbidden', text('forbidden_skill_groups', locale));
    const { key } = request.params as { key: string };
    const body = request.body as { name: { zh: string; en: string }; members: string[] };
    const found = new Set((await usersCollection(app.db).find({ _id: { $in: body.members } }, { projection: { _id: 1 } }).toArray()).map((u) => u._id));
    const unknown = body.members.flatMap((id, i) => (found.has(id) ? [] : [{ path: `/body/members/${i}`, code: 'unknown', message: text('unknown_member', locale) }]));
    if (unknown.length) throw new ApiError(400, 'invalid_skill_group', `${unknown[0]!.path} ${unknown[0]!.message}`, unknown);
    const groups = skillGroupsCollection(app.db);
    const existing = await groups.findOne({ key });
    const doc: SkillGroupDoc = { _id: existing?._id ?? randomUUID(), key, name: body.name, members: body.members, updatedAt: new Date() };
    await groups.replaceOne({ _id: doc._id }, doc, { upsert: true });
    return toSkillGroupJson(doc);
  });

  app.delete('/api/skill-groups/:key', {
    schema: {
      tags: ['flows'], summary: 'Delete a skill group no published flow rings',
      params: keyParams,
      response: { 204: { type: 'null' }, ...errorResponses(403, 404, 409) },
    },
  }, async (request, reply) => {
    const locale = requestLocale(request);
    if (!(await app.permissions.of(request.session!.user)).manageUsers) throw new ApiError(403, 'forbidden', text('forbidden_skill_groups', locale));
    const { key } = request.params as { key: string };
    const groups = skillGroupsCollection(app.db);
    if (!(await groups.findOne({ key }, { projection: { _id: 1 } }))) throw new ApiError(404, 'not_found', text('skill_group_not_found', locale, { group: key }));
    // Drafts may still name it: their publish check reports the missing group then.
    const flows = await flowsUsingSkillGroup(app.definitions, key);
    if (flows.length) throw new ApiError(409, 'skill_group_in_use', text('skill_group_in_use', locale, { group: key, flows: flows.join(', ') }), undefined, { flows });
    await groups.deleteOne({ key });
    return reply.status(204).send();
  });
}
