import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  definitionChangeSchema, definitionHeadSchema, definitionSummarySchema, kindSpec, storedKinds, validateDefinition, versionSummarySchema,
  type AnyDefinition, type DefinitionKind, type EntityDefinition,
} from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { anyObject, errorResponses, issueSchema } from '../http/schemas.js';
import { diffDefinitions } from './diff.js';
import { text } from './messages.js';
import type { Author, DefinitionDoc } from './store.js';

/** Kinds every signed-in person reads (published only): the phone bar needs the agent states and call outcomes. */
const everyoneReads = (kind: string) => !!kindSpec(kind)?.everyoneReads;

/** The answers' schemas are shared with the apps (schemas/src/api/definitions.ts). */
const headJson = definitionHeadSchema;
const issuesJson = { type: 'array', items: issueSchema } as const;

type Params = { kind: DefinitionKind; key: string };

export const definitionRoutes = fp(async (app: FastifyInstance) => {
  // The kinds of the table (schemas/src/kinds), read once as the routes are registered: they make the enum
  // the list accepts and the OpenAPI description.
  const KINDS = storedKinds().map((spec) => spec.kind);
  const kindParam = { type: 'string', enum: KINDS } as const;
  // Any kind in a path is looked up (an unknown kind is a 404 like an unknown key, not a malformed request).
  const params = {
    type: 'object',
    properties: {
      kind: { type: 'string', pattern: '^[a-z][a-z-]{0,39}$', description: KINDS.join(' | ') },
      key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
    },
    required: ['kind', 'key'],
  } as const;
  const author = (request: FastifyRequest): Author => ({ id: request.session!.user.id, name: request.session!.user.name });

  async function requireManager(request: FastifyRequest) {
    const perms = await app.permissions.of(request.session!.user);
    if (!perms.manageDefinitions) throw new ApiError(403, 'forbidden', text('forbidden', requestLocale(request)));
    return perms;
  }

  /** People who do not design definitions read only what is published, without the fields hidden from them. */
  async function forReader(request: FastifyRequest, head: DefinitionDoc) {
    const perms = await app.permissions.of(request.session!.user);
    if (perms.manageDefinitions) return head;
    if (everyoneReads(head.kind) && head.published) return { ...head, draft: null, draftUpdatedAt: null, draftUpdatedBy: null };
    if (head.kind !== 'entity' || !head.published || !perms.entity(head.key).read) {
      throw new ApiError(404, 'not_found', text('definition_not_found', requestLocale(request), { kind: head.kind, key: head.key }));
    }
    const entity = head.published as EntityDefinition;
    const visible = { ...entity, fields: entity.fields.filter((f) => perms.fieldAccess(f) !== 'hidden') };
    return { ...head, published: visible, draft: null, draftUpdatedAt: null, draftUpdatedBy: null };
  }

  const view = (head: DefinitionDoc | Record<string, unknown>) => {
    const { _id, ...rest } = head as DefinitionDoc;
    void _id;
    return rest;
  };

  app.addHook('onRequest', app.authenticate);

  app.get('/api/definitions', {
    schema: {
      tags: ['definitions'], summary: 'List definitions of a kind',
      querystring: { type: 'object', properties: { kind: kindParam }, required: ['kind'] },
      response: {
        200: { type: 'array', items: definitionSummarySchema },
      },
    },
  }, async (request) => {
    const { kind } = request.query as { kind: DefinitionKind };
    const perms = await app.permissions.of(request.session!.user);
    const heads = await app.definitions.heads.find({ kind }).sort({ key: 1 }).toArray();
    // Designers see everything; people who manage users see the published roles they hand out; everyone
    // else sees the published entities their role may read.
    const readable = perms.manageDefinitions
      ? heads
      : heads.filter((h) => h.published && (kind === 'entity' ? perms.entity(h.key).read : everyoneReads(kind) || perms.manageUsers));
    return readable.map((h) => ({
      id: h.id, kind: h.kind, key: h.key, label: (h.published ?? h.draft)?.label, version: h.version,
      hasDraft: perms.manageDefinitions && !!h.draft, updatedAt: h.draftUpdatedAt ?? h.publishedAt,
    }));
  });

  app.get('/api/definitions/:kind/:key', {
    schema: { tags: ['definitions'], summary: 'A definition: its published version and draft', params, response: { 200: headJson, ...errorResponses(404) } },
  }, async (request) => {
    const { kind, key } = request.params as Params;
    return view(await forReader(request, await app.definitions.requireHead(kind, key, requestLocale(request))));
  });

  app.post('/api/definitions', {
    schema: { tags: ['definitions'], summary: 'Create a definition (as a draft)', body: anyObject, response: { 201: headJson, ...errorResponses(400, 403, 409) } },
  }, async (request, reply) => {
    await requireManager(request);
    const def = request.body as AnyDefinition;
    const locale = requestLocale(request);
    if (!KINDS.includes(def.kind)) {
      throw new ApiError(400, 'invalid_definition', text('unknown_kind', locale), [{ path: '/kind', code: 'enum', message: text('kind_one_of', locale, { kinds: KINDS.join(', ') }) }]);
    }
    const identity = validateDefinition(def, locale).filter((i) => ['/id', '/key', '/kind'].includes(i.path));
    if (identity.length) throw new ApiError(400, 'invalid_definition', `${identity[0]!.path} ${identity[0]!.message}`, identity);
    return reply.status(201).send(view(await app.definitions.create(def, author(request), locale)));
  });

  app.post('/api/definitions/validate', {
    schema: {
      tags: ['definitions'], summary: 'Validate a definition without saving it', body: anyObject,
      response: { 200: { type: 'object', properties: { valid: { type: 'boolean' }, issues: issuesJson } } },
    },
  }, async (request) => {
    await requireManager(request);
    const issues = validateDefinition(request.body, requestLocale(request));
    return { valid: issues.length === 0, issues };
  });

  app.put('/api/definitions/:kind/:key/draft', {
    schema: {
      tags: ['definitions'], summary: 'Save the draft (kept even when it does not validate yet)', params, body: anyObject,
      response: { 200: { type: 'object', properties: { draft: anyObject, issues: issuesJson } }, ...errorResponses(400, 403, 404) },
    },
  }, async (request) => {
    await requireManager(request);
    const { kind, key } = request.params as Params;
    const head = await app.definitions.saveDraft(kind, key, request.body as AnyDefinition, author(request), requestLocale(request));
    return { draft: head.draft, issues: validateDefinition(head.draft, requestLocale(request)) };
  });

  app.delete('/api/definitions/:kind/:key/draft', {
    schema: { tags: ['definitions'], summary: 'Discard the draft', params, response: { 204: { type: 'null' }, ...errorResponses(403, 404) } },
  }, async (request, reply) => {
    await requireManager(request);
    const { kind, key } = request.params as Params;
    await app.definitions.discardDraft(kind, key, requestLocale(request));
    return reply.status(204).send();
  });

  const publishedJson = { type: 'object', properties: { version: { type: 'integer' }, publishedAt: { type: 'string', format: 'date-time' } } } as const;

  app.post('/api/definitions/:kind/:key/publish', {
    schema: {
      tags: ['definitions'], summary: 'Publish the draft as a new immutable version', params,
      body: { type: 'object', properties: { message: { type: 'string', minLength: 1, maxLength: 500 } }, required: ['message'], additionalProperties: false },
      response: { 200: publishedJson, ...errorResponses(400, 403, 404, 409) },
    },
  }, async (request) => {
    await requireManager(request);
    const { kind, key } = request.params as Params;
    const locale = requestLocale(request);
    const head = await app.definitions.requireHead(kind, key, locale);
    if (!head.draft) throw new ApiError(400, 'no_draft', text('no_draft', locale));
    const { message } = request.body as { message: string };
    return app.definitions.publish(kind, key, head.draft, message, author(request), locale);
  });

  app.post('/api/definitions/:kind/:key/rollback', {
    schema: {
      tags: ['definitions'], summary: 'Publish an earlier version again as the newest version', params,
      body: {
        type: 'object',
        properties: { version: { type: 'integer', minimum: 1 }, message: { type: 'string', minLength: 1, maxLength: 500 } },
        required: ['version'], additionalProperties: false,
      },
      response: { 200: publishedJson, ...errorResponses(400, 403, 404, 409) },
    },
  }, async (request) => {
    await requireManager(request);
    const { kind, key } = request.params as Params;
    const { version, message } = request.body as { version: number; message?: string };
    const old = await app.definitions.versions.findOne({ _id: `${kind}:${key}:${version}` });
    const locale = requestLocale(request);
    if (!old) throw new ApiError(404, 'not_found', text('version_not_found', locale, { version }));
    return app.definitions.publish(kind, key, old.definition, message ?? `Roll back to version ${version}`, author(request), locale);
  });

  const versionJson = versionSummarySchema;

  app.get('/api/definitions/:kind/:key/versions', {
    schema: { tags: ['definitions'], summary: 'Published versions, newest first', params, response: { 200: { type: 'array', items: versionJson }, ...errorResponses(403, 404) } },
  }, async (request) => {
    await requireManager(request);
    const { kind, key } = request.params as Params;
    await app.definitions.requireHead(kind, key, requestLocale(request));
    return app.definitions.versions.find({ kind, key }, { projection: { definition: 0 } }).sort({ version: -1 }).toArray();
  });

  app.get('/api/definitions/:kind/:key/versions/:version', {
    schema: {
      tags: ['definitions'], summary: 'One published version',
      params: { ...params, properties: { ...params.properties, version: { type: 'integer', minimum: 1 } }, required: ['kind', 'key', 'version'] },
      response: { 200: { ...versionJson, properties: { ...versionJson.properties, definition: anyObject } }, ...errorResponses(403, 404) },
    },
  }, async (request) => {
    await requireManager(request);
    const { kind, key, version } = request.params as Params & { version: number };
    const doc = await app.definitions.versions.findOne({ _id: `${kind}:${key}:${version}` });
    if (!doc) throw new ApiError(404, 'not_found', text('version_not_found', requestLocale(request), { version }));
    return doc;
  });

  app.get('/api/definitions/:kind/:key/diff', {
    schema: {
      tags: ['definitions'], summary: 'What changed between two versions (0 = empty, "draft" = the current draft)', params,
      querystring: {
        type: 'object',
        properties: { from: { type: 'string', pattern: '^(\\d+|draft)$' }, to: { type: 'string', pattern: '^(\\d+|draft)$' } },
        required: ['from', 'to'],
      },
      response: { 200: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, changes: { type: 'array', items: definitionChangeSchema } }, required: ['from', 'to', 'changes'] }, ...errorResponses(403, 404) },
    },
  }, async (request) => {
    await requireManager(request);
    const { kind, key } = request.params as Params;
    const { from, to } = request.query as { from: string; to: string };
    const locale = requestLocale(request);
    const head = await app.definitions.requireHead(kind, key, locale);
    const load = async (v: string) => {
      if (v === 'draft') return head.draft;
      if (v === '0') return null;
      const doc = await app.definitions.versions.findOne({ _id: `${kind}:${key}:${v}` });
      if (!doc) throw new ApiError(404, 'not_found', text('version_not_found', locale, { version: v }));
      return doc.definition;
    };
    return { from, to, changes: diffDefinitions(await load(from), await load(to)) };
  });
}, { name: 'definition-routes', dependencies: ['definitions', 'auth'], encapsulate: true });
