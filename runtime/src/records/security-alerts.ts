import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import { requestLocale } from '../http/locale.js';
import { text } from './messages.js';

/** Something a person did that admins should look at (today: guessing masked values). Never holds the values. */
export interface SecurityAlertDoc {
  _id: string;
  at: Date;
  kind: 'masked_guessing';
  user: { id: string; login: string; name: string };
  entity: string;
  limit: number;
}

const alertsCollection = (db: Db) => db.collection<SecurityAlertDoc>('security_alerts');

export async function recordSecurityAlert(db: Db, alert: Omit<SecurityAlertDoc, '_id' | 'at'>): Promise<void> {
  await alertsCollection(db).insertOne({ _id: randomUUID(), at: new Date(), ...alert });
}

const alertsSchema = {
  tags: ['records'], summary: 'Security alerts, newest first (people who manage users)',
  response: {
    200: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, kind: { type: 'string' },
          user: { type: 'object', properties: { id: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' } } },
          entity: { type: 'string' }, limit: { type: 'integer' },
        },
      },
    },
    ...errorResponses(403),
  },
} as const;

export async function securityAlertRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/security-alerts', { schema: alertsSchema }, async (request) => {
    if (!(await app.permissions.of(request.session!.user)).manageUsers) {
      throw new ApiError(403, 'forbidden', text('forbidden_alerts', requestLocale(request)));
    }
    const docs = await alertsCollection(app.db).find().sort({ at: -1 }).limit(500).toArray();
    return docs.map(({ _id, at, ...rest }) => ({ id: _id, at: at.toISOString(), ...rest }));
  });
}
