import {
  callerPhoneField, isDialablePhone, message, normalizePhone, type EntityDefinition, type FieldDefinition, type Locale,
} from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { UserPermissions } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { errorResponses as errors } from '../http/schemas.js';
import { callJson, callReader } from './call-json.js';
import { text } from './messages.js';
import { placeOutbound } from './place-call.js';
import { callResponse } from './route-schemas.js';
import type { CallsService } from './service.js';
import { logTypedDial, typedDialRoutes } from './typed-dials.js';

const dialNumberSchema = {
  tags: ['calls'],
  summary: 'The dial pad: call a number typed by hand (roles with dialNumbers); logged, answered like click-to-call',
  body: {
    type: 'object',
    // Checked here rather than by a pattern, so a wrong number gets a sentence in the reader's language.
    properties: { number: { type: 'string', minLength: 1, maxLength: 40 } },
    required: ['number'],
    additionalProperties: false,
  },
  response: {
    201: { type: 'object', properties: { callId: { type: 'string' }, token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, call: callResponse } },
    // 409 outcome_required (the last call's outcome first) or already_on_call.
    ...errors(400, 403, 409),
  },
} as const;

/** Digits and the separators people type or paste (`+86 138-0013-8000`, `(021) 6000 0000`). */
const PHONE_LIKE = /^\+?[\d\s\-().]+$/;
const digitCount = (s: string) => s.replace(/\D/g, '').length;

/** An entity the dialler may read whose phone field (the first active one) judges, masks and finds the number. */
interface PhoneHome {
  entity: EntityDefinition;
  field: FieldDefinition;
}

async function phoneHomes(app: FastifyInstance, permissions: UserPermissions): Promise<PhoneHome[]> {
  const entities = (await app.definitions.listPublished('entity')) as EntityDefinition[];
  const homes = entities.flatMap((entity) => {
    const field = callerPhoneField(entity);
    return field && permissions.entity(entity.key).read ? [{ entity, field }] : [];
  });
  // The customer entity first when there is one: the number is most likely a customer's, and it sets the rules.
  return homes.sort((a, b) => Number(b.entity.key === 'customer') - Number(a.entity.key === 'customer'));
}

/** Whether the number can be dialled by the rules of the phone field it would fill (lenient fields: any digits). */
function dialable(number: string, field: FieldDefinition | undefined): boolean {
  if (field?.lenient) return digitCount(number) >= 3 && digitCount(number) <= 20;
  return isDialablePhone(number, field?.defaultCountry);
}

/**
 * The record whose phone is this number, to link the call to (its history shows it, as for click-to-call). Only
 * within the dialler's scope, and, where the phone is masked for them, only among their own records, as the quick
 * search does: otherwise typing numbers would tell which customer has a number they may not see.
 */
async function matchRecord(app: FastifyInstance, user: SessionUser, locale: Locale, homes: PhoneHome[], typed: string) {
  for (const { entity } of homes) {
    const ctx = await app.records.contextFor(user, locale, entity.key, 'read');
    const own = entity.owned === false ? {} : { ownerId: user.id };
    const clauses = entity.fields
      .filter((f) => f.type === 'phone' && !f.retired && ctx.view.visible(f))
      .map((f) => ({ [`values.${f.key}`]: normalizePhone(typed, f.defaultCountry), ...(ctx.view.masked(f) ? own : {}) }));
    if (!clauses.length) continue;
    const [found] = await app.records.findMany(ctx, { deletedAt: null, $or: clauses }, { limit: 1 });
    if (found) return { entity: entity.key, id: found._id };
  }
  return null;
}

/** 409 while the agent's phone is ringing or talking: one call at a time, as the console's Call buttons say. */
async function refuseWhileOnCall(svc: CallsService, user: SessionUser, locale: Locale): Promise<void> {
  const state = await svc.states.get(user.id);
  const call = state.callId ? await svc.call(state.callId) : null;
  if (call && call.agentId === user.id && (call.status === 'ringing' || call.status === 'talking')) {
    throw new ApiError(409, 'already_on_call', text('already_on_call', locale), undefined, { callId: call._id });
  }
}

/**
 * The dial pad. Click-to-call dials records, never a number from the client (DESIGN); a number typed by hand is
 * the one exception, for roles an admin granted `dialNumbers` (the templates: admins and supervisors, not
 * agents). Every call placed this way, and every refused attempt, goes to the typed-dials log (typed-dials.ts).
 * The call itself takes the click-to-call path (a single-use token the browser dials), so simulated and SIP
 * telephony need nothing new, and it is linked to the customer whose number it is when the dialler may know that.
 */
export function dialNumberRoutes(svc: CallsService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', app.authenticate);
    await typedDialRoutes(app);

    app.post<{ Body: { number: string } }>('/api/calls/dial-number', { schema: dialNumberSchema }, async (request, reply) => {
      const locale = requestLocale(request);
      const user = request.session!.user;
      const permissions = await app.permissions.of(user);
      const homes = await phoneHomes(app, permissions);
      const home = homes[0];
      const typed = request.body.number.trim();
      const phoneLike = PHONE_LIKE.test(typed) && digitCount(typed) > 0;
      const number = phoneLike ? normalizePhone(typed, home?.field.defaultCountry) : null;
      const phoneEntity = home?.entity.key ?? 'customer';
      if (!permissions.dialNumbers) {
        await logTypedDial(app.db, user, { number, phoneEntity, outcome: 'refused', callId: null }, svc.now());
        request.log.warn({ userId: user.id }, 'typed-number call refused: the role lacks dialNumbers');
        throw new ApiError(403, 'forbidden_dial_number', text('forbidden_dial_number', locale));
      }
      if (!number) {
        throw new ApiError(400, 'invalid_number', text('not_a_number', locale), [{ path: '/number', code: 'not_a_number', message: text('not_a_number', locale) }]);
      }
      if (!dialable(typed, home?.field)) {
        const why = message('undialable_phone', locale, { country: home?.field.defaultCountry ?? '' });
        throw new ApiError(400, 'invalid_number', why, [{ path: '/number', code: 'undialable_phone', message: why }]);
      }
      await refuseWhileOnCall(svc, user, locale);
      const customer = await matchRecord(app, user, locale, homes, typed);
      const target = { to: number, phoneEntity: customer?.entity ?? phoneEntity, customer };
      const { doc, token, expiresAt } = await placeOutbound(svc, user, locale, target);
      await logTypedDial(app.db, user, { number, phoneEntity: target.phoneEntity, outcome: 'placed', callId: doc._id }, doc.ringAt);
      request.log.info({ callId: doc._id, userId: user.id, linked: !!customer }, 'typed-number call placed');
      const call = await callJson(app, await callReader(app, user), doc);
      await svc.pushCall(user.id, doc);
      return reply.status(201).send({ callId: doc._id, token, expiresAt: expiresAt.toISOString(), call });
    });
  };
}
