import type { FastifyInstance } from 'fastify';
import { validateDefinition, type PoolDefinition } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { anyObject, errorResponses } from '../http/schemas.js';
import { text } from './messages.js';
import { recyclePreview } from './preview.js';

const previewJson = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    rules: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, count: { type: 'integer' } }, required: ['id', 'count'] } },
  },
  required: ['total', 'rules'],
} as const;

/** The builder's pool designer: "customers that would be recycled now: N" for the draft being edited. */
export async function recycleRoutes(app: FastifyInstance) {
  // Authentication before validation: an anonymous caller learns nothing, not even which input is wrong.
  app.addHook('preValidation', app.authenticate);

  app.post('/api/pools/recycle-preview', {
    schema: {
      tags: ['pools'],
      summary: 'Count the records a draft pool\'s recycle rules would take back now',
      description: 'For people who manage definitions. Issues of an invalid pool carry paths inside the pool definition (e.g. /recycle/0/after).',
      body: { type: 'object', properties: { pool: anyObject }, required: ['pool'], additionalProperties: false },
      response: { 200: previewJson, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const perms = await app.permissions.of(request.session!.user);
    if (!perms.manageDefinitions) throw new ApiError(403, 'forbidden', text('forbidden', locale));
    const { pool } = request.body as { pool: PoolDefinition };
    const issues = (pool as { kind?: unknown }).kind === 'pool'
      ? validateDefinition(pool, locale)
      : [{ path: '/kind', code: 'const', message: text('not_a_pool', locale) }];
    if (issues.length) {
      throw new ApiError(400, 'invalid_definition', text('invalid_pool', locale, { detail: `${issues[0]!.path} ${issues[0]!.message}` }), issues);
    }
    const entity = await app.definitions.getPublishedEntity(pool.entity);
    if (!entity || entity.owned === false) {
      const message = text('unknown_entity', locale, { entity: pool.entity });
      throw new ApiError(400, 'invalid_definition', message, [{ path: '/entity', code: 'unknown_entity', message }]);
    }
    return recyclePreview(app, pool, entity, new Date());
  });
}
