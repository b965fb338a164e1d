import { ApiError } from '../http/errors.js';
import { usersCollection } from '../org/users.js';
import type { RecordContext } from './context.js';
import { text } from './messages.js';

/**
 * Who owns a new record: the creator, unless a role that sees beyond its own records (team / all) names
 * another user within that scope. Records of unowned entities have no owner.
 */
export async function ownerForNewRecord(ctx: RecordContext, requested: string | undefined): Promise<string | null> {
  if (ctx.entity.owned === false) return null;
  if (!requested || requested === ctx.user.id) return ctx.user.id;
  if (ctx.permissions.entity(ctx.entity.key).dataScope === 'own') throw new ApiError(403, 'forbidden', text('forbidden_owner', ctx.locale));
  const owners = await ctx.permissions.ownerScope(ctx.entity.key);
  const allowed = owners
    ? owners.includes(requested)
    : Boolean(await usersCollection(ctx.app.db).findOne({ _id: requested, disabled: { $ne: true } }, { projection: { _id: 1 } }));
  if (!allowed) {
    const message = text('invalid_owner', ctx.locale);
    throw new ApiError(400, 'invalid_owner', message, [{ path: '/ownerId', code: 'invalid_owner', message }]);
  }
  return requested;
}
