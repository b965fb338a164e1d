import type { Locale, SessionUser } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { ListHome } from './list-home.js';

/**
 * The existing record of a list's number, as the importer may find it (through the records service, within their
 * scope). Where the phone is masked for them, only among their own records, as the dial pad matches: otherwise a
 * list import would tell which record holds a number they may not see.
 */
export async function customerMatcher(app: FastifyInstance, home: ListHome, user: SessionUser, locale: Locale) {
  const ctx = await app.records.contextFor(user, locale, home.entity.key, 'read');
  const masked = ctx.view.masked(home.phoneField) || !ctx.view.visible(home.phoneField);
  const own = home.entity.owned === false ? {} : { ownerId: user.id };
  return async (phone: string): Promise<string | null> => {
    if (!masked) return (await app.records.findByPhone(ctx, phone))?._id ?? null;
    const [found] = await app.records.findMany(ctx, { ...own, deletedAt: null, [`values.${home.phoneField.key}`]: phone }, { limit: 1 });
    return found?._id ?? null;
  };
}
