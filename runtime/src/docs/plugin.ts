import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/**
 * The OpenAPI description is generated from the route schemas (never written by hand) and served at
 * /api/openapi.json, with a browsable page at /api/docs. Must be registered before the routes it describes.
 */
export const docsPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Telesales platform API',
        version: '0.1.0',
        description: 'Definitions, records, users. Sign in with POST /api/auth/login; send the returned csrfToken as x-csrf-token on every POST/PUT/PATCH/DELETE.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}, { name: 'docs' });
