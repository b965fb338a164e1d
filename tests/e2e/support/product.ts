import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEmbeddedMongo } from '@telesales/embedded-mongo';
import { buildApp } from '@telesales/runtime/app';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';
import type { FastifyInstance } from 'fastify';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The whole product as `npm start` runs it (API, builder and console on one port, the demo template), on a
 * memory-only embedded database and a free loopback port.
 */
export async function startProduct(): Promise<{ app: FastifyInstance; baseUrl: string; close(): Promise<void> }> {
  const builderDir = `${root}builder/dist`;
  const consoleDir = `${root}console/dist`;
  for (const dir of [builderDir, consoleDir]) {
    if (!existsSync(`${dir}/index.html`)) throw new Error(`${dir} is not built: run "npm run build" first`);
  }
  const mongo = await startEmbeddedMongo();
  const app = await buildApp({ mongoUri: mongo.uri, dbName: 'e2e', embedded: true, static: { builderDir, consoleDir } });
  await installTemplate(app, templateDir('insurance'));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    baseUrl: address,
    async close() {
      await app.close();
      await mongo.stop();
    },
  };
}

export type Product = Awaited<ReturnType<typeof startProduct>>;
