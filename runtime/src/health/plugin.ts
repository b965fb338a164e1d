import fp from 'fastify-plugin';

/** A health check must answer in bounded time: a database that does not answer the ping by then is down. */
const PING_TIMEOUT_MS = 3000;

const healthJson = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    db: {
      type: 'object',
      properties: { state: { type: 'string' }, embedded: { type: 'boolean' }, latencyMs: { type: ['number', 'null'] } },
    },
    // TELEPHONY=sip: whether the SIP server has the runtime's endpoint registered (calls reach it only then).
    telephony: {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['simulated', 'sip'] },
        registered: { type: 'boolean' },
        aor: { type: 'string' },
        server: { type: 'string' },
        since: { type: ['string', 'null'] },
        lastError: { type: ['string', 'null'] },
      },
    },
  },
} as const;

/**
 * `GET /api/health`: 200 while the database answers, 503 otherwise (for load balancers and scripts). The SIP
 * registration is reported, not judged: a runtime whose SIP server is away still serves the console and the API.
 */
export const healthPlugin = fp<{ embedded: boolean }>(async (app, { embedded }) => {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['health'], summary: 'Liveness and database state',
      response: { 200: healthJson, 503: healthJson },
    },
  }, async (_request, reply) => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      // The driver can wait far longer than this (or, once its view of the server is stale, indefinitely).
      await Promise.race([
        app.db.command({ ping: 1 }),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS); }),
      ]);
      return { status: 'ok', db: { state: 'up', embedded, latencyMs: Math.round((performance.now() - started) * 10) / 10 }, telephony: app.calls.telephony() };
    } catch {
      return reply.status(503).send({ status: 'unavailable', db: { state: 'down', embedded, latencyMs: null }, telephony: app.calls.telephony() });
    } finally {
      clearTimeout(timer);
    }
  });
}, { name: 'health', dependencies: ['db', 'calls'] });
