import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Filter } from 'mongodb';
import type { EntityDefinition, Locale } from '@telesales/schemas';
import type { UserPermissions } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { fieldView, type FieldView } from './field-view.js';
import { text } from './messages.js';
import type { RecordDoc } from './record-doc.js';

export type RecordAction = 'read' | 'create' | 'update' | 'delete';

/** Everything a records operation needs to know about who asks, resolved once per request. */
export interface RecordContext {
  app: FastifyInstance;
  user: SessionUser;
  locale: Locale;
  entity: EntityDefinition;
  permissions: UserPermissions;
  unmask: boolean;
  view: FieldView;
  /** Added to every find, count, update and delete: records outside it do not exist for this user. */
  scope: Filter<RecordDoc>;
}

/**
 * The permission gate every records route passes first: unknown entity -> 404, action not granted -> 403,
 * then the data scope that every query of this request carries.
 */
export async function recordContext(
  app: FastifyInstance, request: FastifyRequest, entityKey: string, action: RecordAction,
): Promise<RecordContext> {
  return recordContextFor(app, request.session!.user, requestLocale(request), entityKey, action);
}

/** The same gate for a person who is not the one asking (a call offered to an agent, pushed to their console). */
export async function recordContextFor(
  app: FastifyInstance, user: SessionUser, locale: Locale, entityKey: string, action: RecordAction,
): Promise<RecordContext> {
  const entity = await app.definitions.getPublishedEntity(entityKey);
  if (!entity) throw new ApiError(404, 'not_found', text('entity_not_found', locale, { entity: entityKey }));
  const permissions = await app.permissions.of(user);
  const granted = permissions.entity(entity.key);
  if (!granted.read || !granted[action]) throw new ApiError(403, 'forbidden', text('forbidden', locale, { action }));
  // Entities whose records have no owner (owned: false) are shared by everyone who may read them.
  const owners = entity.owned === false ? null : await permissions.ownerScope(entity.key);
  const unmask = Boolean(granted.unmask);
  return {
    app, user, locale, entity, permissions, unmask,
    view: fieldView(entity, (f) => permissions.fieldAccess(f), unmask),
    scope: owners === null ? {} : { ownerId: { $in: owners } },
  };
}

export function notFound(ctx: { locale: Locale }): ApiError {
  return new ApiError(404, 'not_found', text('record_not_found', ctx.locale));
}

/** Deleted records are visible (to read, list and restore) only to roles that may restore them. */
export function requireRestore(ctx: RecordContext): void {
  if (!ctx.permissions.restoreRecords) throw new ApiError(403, 'forbidden', text('forbidden_deleted', ctx.locale));
}
