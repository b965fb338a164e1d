import { resolve } from 'node:path';

/** The settings operators may change, all from the environment (see the README's configuration table). */
export interface RuntimeConfig {
  port: number;
  host: string;
  /** Unset: the runtime starts the embedded database in `${dataDir}/db`. */
  mongodbUri?: string;
  dbName: string;
  dataDir: string;
  /** Template installed into an empty database on start. */
  template: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    mongodbUri: env.MONGODB_URI || undefined,
    dbName: env.MONGODB_DB ?? 'telesales',
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    template: env.TEMPLATE ?? 'insurance',
  };
}
