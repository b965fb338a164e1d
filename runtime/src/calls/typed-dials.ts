import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from 'mongodb';
import type { SessionUser } from '../auth/sessions.js';
import { errorResponses } from '../http/schemas.js';
import { callReader } from './call-json.js';

/**
 * The audit trail of the dial pad: every call placed to a number typed by hand, and every attempt refused for want
 * of the right, with who and when. The number is kept whole (it is the point of the log) and leaves the server
 * masked for readers who may not see the phone field it would fill, as call records do.
 */
export interface TypedDialDoc {
  _id: string;
  at: Date;
  user: { id: string; login: string; name: string };
  /** As the server read it (E.164 when it parses); null when what was typed was no number at all. */
  number: string | null;
  /** The entity whose phone field masks the number. */
  phoneEntity: string;
  outcome: 'placed' | 'refused';
  callId: string | null;
}

const typedDialsCollection = (db: Db) => db.collection<TypedDialDoc>('typed_dials');

export async function ensureTypedDialIndexes(db: Db): Promise<void> {
  await typedDialsCollection(db).createIndex({ at: -1 }, { name: 'recent' });
  await typedDialsCollection(db).createIndex({ 'user.id': 1, at: -1 }, { name: 'user_recent' });
}

export async function logTypedDial(
  db: Db, user: SessionUser, entry: Pick<TypedDialDoc, 'number' | 'phoneEntity' | 'outcome' | 'callId'>, at: Date,
): Promise<void> {
  await typedDialsCollection(db).insertOne({
    _id: randomUUID(), at, user: { id: user.id, login: user.login, name: user.name }, ...entry,
  });
}

const listSchema = {
  tags: ['calls'],
  summary: 'Calls to numbers typed by hand (the dial pad), newest first: everyone\'s for people who manage users, otherwise mine',
  querystring: {
    type: 'object',
    properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' }, at: { type: 'string', format: 'date-time' },
              user: { type: 'object', properties: { id: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' } } },
              number: { type: ['string', 'null'] }, masked: { type: 'boolean' },
              outcome: { enum: ['placed', 'refused'] }, callId: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    ...errorResponses(401),
  },
} as const;

export async function typedDialRoutes(app: FastifyInstance): Promise<void> {
  await ensureTypedDialIndexes(app.db);
  app.get<{ Querystring: { limit: number } }>('/api/calls/typed-dials', { schema: listSchema }, async (request) => {
    const reader = await callReader(app, request.session!.user);
    const filter = reader.permissions.manageUsers ? {} : { 'user.id': reader.user.id };
    const docs = await typedDialsCollection(app.db).find(filter).sort({ at: -1 }).limit(request.query.limit).toArray();
    const items = [];
    for (const d of docs) {
      const view = await reader.phoneView(d.phoneEntity);
      items.push({
        id: d._id, at: d.at.toISOString(), user: d.user,
        number: d.number ? view.show(d.number) : d.number,
        masked: view.masked, outcome: d.outcome, callId: d.callId,
      });
    }
    return { items };
  });
}
