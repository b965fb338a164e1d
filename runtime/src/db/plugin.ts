import fp from 'fastify-plugin';
import { MongoClient, type Db } from 'mongodb';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    mongoClient: MongoClient;
  }
}

export interface DbOptions {
  uri: string;
  dbName: string;
}

/** One driver client per process; closed with the app. */
export const dbPlugin = fp<DbOptions>(async (app, { uri, dbName }) => {
  const client = new MongoClient(uri, { maxPoolSize: 50, serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  app.decorate('mongoClient', client);
  app.decorate('db', client.db(dbName));
  app.addHook('onClose', async () => client.close());
}, { name: 'db' });
