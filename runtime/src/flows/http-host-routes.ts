import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { errorResponses } from '../http/schemas.js';
import { approvedHttpHosts, saveApprovedHttpHosts } from './http-hosts.js';
import { text } from './messages.js';

const LABEL = '[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const hostsJson = {
  type: 'object',
  properties: {
    /** Host names a flow's HTTP node may call; `*.example.com` allows every subdomain of example.com. */
    hosts: { type: 'array', items: { type: 'string', pattern: `^(\\*\\.)?${LABEL}(\\.${LABEL})*$`, maxLength: 253 }, maxItems: 200 },
  },
  required: ['hosts'],
  additionalProperties: false,
} as const;

/** The workspace's approved HTTP hosts: only people who manage definitions see or change them. */
export async function httpHostRoutes(app: FastifyInstance) {
  app.addHook('onRequest', app.authenticate);

  async function requireManager(request: FastifyRequest) {
    if (!(await app.permissions.of(request.session!.user)).manageDefinitions) {
      throw new ApiError(403, 'forbidden', text('forbidden_settings', requestLocale(request)));
    }
  }

  app.get('/api/settings/http-hosts', {
    schema: { tags: ['flows'], summary: 'Hosts flow HTTP nodes may call', response: { 200: hostsJson, ...errorResponses(403) } },
  }, async (request) => {
    await requireManager(request);
    return { hosts: await approvedHttpHosts(app.db) };
  });

  app.put('/api/settings/http-hosts', {
    schema: { tags: ['flows'], summary: 'Replace the approved HTTP hosts', body: hostsJson, response: { 200: hostsJson, ...errorResponses(400, 403) } },
  }, async (request) => {
    await requireManager(request);
    const { hosts } = request.body as { hosts: string[] };
    return { hosts: await saveApprovedHttpHosts(app.db, hosts, request.session!.user.id) };
  });
}
