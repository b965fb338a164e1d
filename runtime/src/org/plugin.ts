import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashPassword } from '../auth/passwords.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { publicUserSchema, teamJsonSchema } from '@telesales/schemas';
import { errorResponses } from '../http/schemas.js';
import { text } from './messages.js';
import { ensureTeamIndexes, moveTeam, teamsCollection, type TeamDoc } from './teams.js';
import { ensureUserIndexes, toPublicUser, usersCollection, type UserDoc } from './users.js';

const userBody = {
  type: 'object',
  properties: {
    login: { type: 'string', pattern: '^[a-z][a-z0-9_.-]{1,39}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 8, maxLength: 200 },
    role: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
    teamId: { type: ['string', 'null'] },
    locale: { enum: ['zh', 'en'] },
    disabled: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

type UserInput = Partial<Pick<UserDoc, 'login' | 'name' | 'role' | 'teamId' | 'locale' | 'disabled'>> & { password?: string };

async function orgRoutes(app: FastifyInstance) {
  app.addHook('onRequest', app.authenticate);

  async function requireUserManager(request: FastifyRequest) {
    if (!(await app.permissions.of(request.session!.user)).manageUsers) throw new ApiError(403, 'forbidden', text('forbidden', requestLocale(request)));
  }

  async function checkRefs(request: FastifyRequest, input: UserInput) {
    const locale = requestLocale(request);
    if (input.role && !(await app.definitions.getPublished('role', input.role))) {
      const issue = { path: '/body/role', code: 'unknown', message: text('not_published_role', locale) };
      throw new ApiError(400, 'invalid_user', text('role_not_published', locale, { role: input.role }), [issue]);
    }
    if (input.teamId && !(await teamsCollection(app.db).findOne({ _id: input.teamId }))) {
      throw new ApiError(400, 'invalid_user', text('unknown_team', locale), [{ path: '/body/teamId', code: 'unknown', message: text('not_a_team', locale) }]);
    }
  }

  app.get('/api/users', {
    schema: { tags: ['org'], summary: 'People in the organisation (for user fields and owners)', response: { 200: { type: 'array', items: publicUserSchema } } },
  }, async () => (await usersCollection(app.db).find().sort({ name: 1 }).toArray()).map(toPublicUser));

  app.post('/api/users', {
    schema: {
      tags: ['org'], summary: 'Create a user',
      body: { ...userBody, required: ['login', 'name', 'password', 'role'] },
      response: { 201: publicUserSchema, ...errorResponses(400, 403, 409) },
    },
  }, async (request, reply) => {
    await requireUserManager(request);
    const input = request.body as Required<Pick<UserInput, 'login' | 'name' | 'password' | 'role'>> & UserInput;
    await checkRefs(request, input);
    const doc: UserDoc = {
      _id: randomUUID(), login: input.login, name: input.name, passwordHash: await hashPassword(input.password),
      role: input.role, teamId: input.teamId ?? null, locale: input.locale ?? 'zh', disabled: !!input.disabled, createdAt: new Date(),
    };
    try {
      await usersCollection(app.db).insertOne(doc);
    } catch (e) {
      if ((e as { code?: number }).code === 11000) {
        const locale = requestLocale(request);
        throw new ApiError(409, 'duplicate', text('login_taken', locale, { login: input.login }), [{ path: '/body/login', code: 'duplicate', message: text('taken', locale) }]);
      }
      throw e;
    }
    app.permissions.forgetTeams();
    return reply.status(201).send(toPublicUser(doc));
  });

  app.patch('/api/users/:id', {
    schema: {
      tags: ['org'], summary: 'Change a user (name, role, team, password, disabled)',
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      body: userBody,
      response: { 200: publicUserSchema, ...errorResponses(400, 403, 404) },
    },
  }, async (request) => {
    await requireUserManager(request);
    const { id } = request.params as { id: string };
    const { password, ...input } = request.body as UserInput;
    await checkRefs(request, input);
    const set: Partial<UserDoc> = { ...input, updatedAt: new Date() };
    if (password) set.passwordHash = await hashPassword(password);
    const updated = await usersCollection(app.db).findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
    if (!updated) throw new ApiError(404, 'not_found', text('no_such_user', requestLocale(request)));
    // Whoever knew the old password, or used the account before it was disabled, is signed out for good;
    // someone changing their own password keeps the session they did it from.
    if (input.disabled) await app.sessions.revokeUser(id);
    else if (password) await app.sessions.revokeUser(id, id === request.session!.user.id ? request.cookies[SESSION_COOKIE] : undefined);
    app.sessions.forgetUser(id);
    app.permissions.forgetTeams();
    // SIP credentials already issued outlive the session: the SIP server must refuse them from now on.
    if (input.disabled !== undefined) await app.sip.revocation.userChanged(id, !!updated.disabled);
    return toPublicUser(updated);
  });

  const teamBody = {
    type: 'object',
    properties: {
      key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
      name: { type: 'object', properties: { zh: { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['zh', 'en'], additionalProperties: false },
      parentId: { type: ['string', 'null'] },
    },
    additionalProperties: false,
  } as const;
  const unknownParent = (request: FastifyRequest) => {
    const locale = requestLocale(request);
    return new ApiError(400, 'invalid_team', text('unknown_parent_team', locale), [{ path: '/body/parentId', code: 'unknown', message: text('not_a_team', locale) }]);
  };
  const toTeamJson = (t: TeamDoc) => ({ id: t._id, key: t.key, name: t.name, parentId: t.parentId });

  app.post('/api/teams', {
    schema: { tags: ['org'], summary: 'Create a team (under a parent team, or at the top)', body: { ...teamBody, required: ['key', 'name'] }, response: { 201: teamJsonSchema, ...errorResponses(400, 403, 409) } },
  }, async (request, reply) => {
    await requireUserManager(request);
    const input = request.body as { key: string; name: TeamDoc['name']; parentId?: string | null };
    const parent = input.parentId ? await teamsCollection(app.db).findOne({ _id: input.parentId }) : null;
    if (input.parentId && !parent) throw unknownParent(request);
    const id = randomUUID();
    const doc: TeamDoc = { _id: id, key: input.key, name: input.name, parentId: parent?._id ?? null, path: [...(parent?.path ?? []), id] };
    try {
      await teamsCollection(app.db).insertOne(doc);
    } catch (e) {
      if ((e as { code?: number }).code === 11000) {
        const locale = requestLocale(request);
        throw new ApiError(409, 'duplicate', text('team_key_taken', locale, { key: input.key }), [{ path: '/body/key', code: 'duplicate', message: text('taken', locale) }]);
      }
      throw e;
    }
    return reply.status(201).send(toTeamJson(doc));
  });

  app.patch('/api/teams/:id', {
    schema: {
      tags: ['org'], summary: 'Rename a team or move it under another team',
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      body: { ...teamBody, properties: { name: teamBody.properties.name, parentId: teamBody.properties.parentId } },
      response: { 200: teamJsonSchema, ...errorResponses(400, 403, 404) },
    },
  }, async (request) => {
    await requireUserManager(request);
    const { id } = request.params as { id: string };
    const input = request.body as { name?: TeamDoc['name']; parentId?: string | null };
    const locale = requestLocale(request);
    if (!(await teamsCollection(app.db).findOne({ _id: id }))) throw new ApiError(404, 'not_found', text('no_such_team', locale));
    if (input.parentId !== undefined) {
      const moved = await moveTeam(app.db, id, input.parentId);
      if (moved === 'cycle') {
        throw new ApiError(400, 'invalid_team', text('team_cycle', locale), [{ path: '/body/parentId', code: 'cycle', message: text('team_cycle_issue', locale) }]);
      }
      if (moved === 'missing') throw unknownParent(request);
      app.permissions.forgetTeams();
    }
    if (input.name) await teamsCollection(app.db).updateOne({ _id: id }, { $set: { name: input.name } });
    return toTeamJson((await teamsCollection(app.db).findOne({ _id: id }))!);
  });

  app.get('/api/teams', {
    schema: {
      tags: ['org'], summary: 'Teams (a tree through parentId)',
      response: { 200: { type: 'array', items: teamJsonSchema } },
    },
  }, async () => (await teamsCollection(app.db).find().sort({ key: 1 }).toArray()).map(toTeamJson));
}

/** Users and teams. */
export const orgPlugin = fp(async (app) => {
  await Promise.all([ensureUserIndexes(app.db), ensureTeamIndexes(app.db)]);
  await app.register(orgRoutes);
}, { name: 'org', dependencies: ['db', 'definitions', 'auth', 'sip'] });
