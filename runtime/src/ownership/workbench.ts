import { type EntityDefinition, type WorkbenchOwnershipJson } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recycleWarnings } from '../recycling/warnings.js';
import { agentStatusCollection, isOnline } from './agent-status.js';
import { pendingReviews } from './requests.js';

/** The console calls GET /api/ownership/me every minute: that heartbeat is what "online" means. */
export async function heartbeat(app: FastifyInstance, userId: string): Promise<void> {
  await agentStatusCollection(app.db).updateOne({ _id: userId }, { $set: { lastSeenAt: new Date() } }, { upsert: true });
}

/** What the workbench shows about the asker's customers: counts against caps, tickets, recycle warnings. */
export async function workbench(app: FastifyInstance, request: FastifyRequest): Promise<WorkbenchOwnershipJson> {
  const user = request.session!.user;
  const permissions = await app.permissions.of(user);
  const now = new Date();
  const entities = ((await app.definitions.listPublished('entity')) as EntityDefinition[])
    .filter((e) => e.owned !== false && permissions.entity(e.key).read);
  const status = await agentStatusCollection(app.db).findOne({ _id: user.id });
  return {
    receiving: status?.receiving !== false,
    online: isOnline(status ?? undefined, now),
    tickets: { reward: status?.reward ?? 0, penalty: status?.penalty ?? 0 },
    entities: await Promise.all(entities.map(async (e) => ({
      entity: e.key,
      label: e.label,
      owned: await app.records.system(e.key).count({ ownerId: user.id, deletedAt: null }),
      cap: permissions.entity(e.key).cap,
    }))),
    recycleSoon: await recycleWarnings(app, entities.map((e) => e.key), user.id, now),
    pendingReviews: (await pendingReviews(app, request, true)).count,
  };
}

export async function setReceiving(app: FastifyInstance, userId: string, receiving: boolean): Promise<void> {
  await agentStatusCollection(app.db).updateOne({ _id: userId }, { $set: { receiving, lastSeenAt: new Date() } }, { upsert: true });
}
