import fp from 'fastify-plugin';
import { ExpressionWorkers } from './worker-pool.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where every admin-written expression is evaluated (flows, pool conditions): worker threads with a hard deadline. */
    expressions: ExpressionWorkers;
  }
}

/** The expression workers of this app, ended when the app closes (or tests would hang on live threads). */
export const expressionsPlugin = fp(async (app) => {
  const workers = new ExpressionWorkers();
  app.decorate('expressions', workers);
  app.addHook('onClose', async () => workers.close());
}, { name: 'expressions' });
