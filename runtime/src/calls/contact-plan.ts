import type { DispositionsDefinition, Locale } from '@telesales/schemas';
import type { SessionUser } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import type { CallDoc } from './call-doc.js';
import type { CallsService } from './service.js';

type Outcome = DispositionsDefinition['outcomes'][number];

/**
 * An outcome with `setsField` (e.g. a callback's next contact) writes its time into the call's record, as the
 * agent and through the records service, so the record shows the plan and the operation log has the change.
 * The call keeps the plan either way: a record the agent may not edit, or an entity without that datetime
 * field, leaves the record as it is (logged) rather than refusing the outcome the agent owes.
 */
export async function applyContactPlan(
  svc: CallsService, user: SessionUser, locale: Locale, doc: CallDoc, outcome: Outcome, contactAt: string | undefined,
): Promise<void> {
  const field = outcome.setsField;
  if (!field || !contactAt || !doc.customer) return;
  const { entity, id } = doc.customer;
  try {
    const ctx = await svc.app.records.contextFor(user, locale, entity, 'update');
    if (ctx.entity.fields.find((f) => f.key === field)?.type !== 'datetime') {
      svc.app.log.warn({ callId: doc._id, entity, field }, 'disposition names no datetime field of the record: next contact kept on the call only');
      return;
    }
    const current = await svc.app.records.find(ctx, id);
    await svc.app.records.update(ctx, id, { version: current.version, values: { [field]: new Date(contactAt).toISOString() } });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    svc.app.log.warn({ callId: doc._id, entity, field, code: err.code }, 'next contact not written to the record');
  }
}
