import { normalizePhone } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { dncCollection, putOnDnc } from '../outbound/dnc-doc.js';
import { removeFromDnc } from './dnc.js';
import { dncHome } from './list-home.js';
import { dialable } from './list-row.js';
import { requireListManager } from './list-routes.js';
import { text } from './messages.js';
import { dncAddSchema, dncListSchema, dncRemoveSchema } from './route-schemas.js';

/** The workspace's do-not-call list: read by anyone signed in (masked unless they may unmask), changed by managers. */
export async function dncRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { limit: number; before?: string } }>('/api/outbound/dnc', { schema: dncListSchema }, async (request) => {
    const locale = requestLocale(request);
    const home = await dncHome(app, locale);
    // Masked like the phone of the entity that reads the list (the customer's), by the records' one masking function.
    const view = await app.records.numberView(await app.permissions.of(request.session!.user), home.entity.key);
    const before = request.query.before ? { at: { $lt: new Date(request.query.before) } } : {};
    const docs = await dncCollection(app.db).find(before).sort({ at: -1 }).limit(request.query.limit).toArray();
    return {
      items: docs.map((d) => ({
        phone: view.show(d._id), masked: view.masked, reason: d.reason, at: d.at.toISOString(), by: d.by, ...(d.task ? { task: d.task } : {}),
      })),
    };
  });

  /** The number as the list stores it (E.164 by the reading phone field's country, as an imported one), or 400. */
  const phoneOf = async (raw: string, locale: 'zh' | 'en') => {
    const home = await dncHome(app, locale);
    const phone = normalizePhone(raw, home.phoneField.defaultCountry);
    if (!dialable(phone, home.phoneField)) {
      const message = text('bad_number', locale);
      throw new ApiError(400, 'bad_number', message, [{ path: '/phone', code: 'bad_number', message }]);
    }
    return phone;
  };

  app.post<{ Body: { phone: string } }>('/api/outbound/dnc', { schema: dncAddSchema }, async (request, reply) => {
    const { user, locale } = await requireListManager(app, request);
    const phone = await phoneOf(request.body.phone, locale);
    const result = await putOnDnc(app.db, phone, { reason: 'manual', by: user.id });
    return reply.status(201).send({ phone, ...result });
  });

  app.delete<{ Body: { phone: string } }>('/api/outbound/dnc', { schema: dncRemoveSchema }, async (request, reply) => {
    const { locale } = await requireListManager(app, request);
    if (!(await removeFromDnc(app.db, await phoneOf(request.body.phone, locale)))) throw new ApiError(404, 'not_found', text('dnc_not_found', locale));
    return reply.status(204).send();
  });
}
