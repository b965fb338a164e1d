import type { FieldDefinition, RecordJson } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { taskNumbersCollection, type TaskNumberDoc } from '../outbound/number-doc.js';
import { giveWithinCaps } from '../ownership/caps.js';
import type { ListHome } from './list-home.js';
import { text } from './messages.js';

/**
 * The record's values: the list's columns through the task's mapping, then what the agent typed, and the number
 * itself. A column whose field the agent may not write (a read-only ID number) stays on the number only: the
 * record is the agent's own create, with their field permissions.
 */
export function convertedValues(
  home: ListHome, number: TaskNumberDoc, typed: Record<string, unknown>, writable: (field: FieldDefinition) => boolean,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { column, field } of home.columns) {
    if (field && writable(field) && number.values[column] !== undefined) values[field.key] = number.values[column];
  }
  // The phone is the number's, never the client's: the agent may not even see it.
  return { ...values, ...typed, [home.phoneField.key]: number.phone };
}

/**
 * Turns a number into a record of the task's entity, for the agent of its call (on it now, or its last agent): created through the records
 * service (validation, the duplicate check with its masked answer, the operation log), owned by the agent, and
 * given within their caps as a claim is (caps.ts: the count and the write in one transaction). The number is
 * linked to the record in the same transaction, so two conversions of one number make one record.
 */
export async function convertNumber(
  app: FastifyInstance, request: FastifyRequest, home: ListHome, number: TaskNumberDoc, typed: Record<string, unknown>, onCall = false,
): Promise<RecordJson> {
  const locale = requestLocale(request);
  const ctx = await app.records.context(request, home.entity.key, 'create');
  if (number.lastAgent !== ctx.user.id && !onCall) throw new ApiError(403, 'forbidden', text('not_your_number', locale));
  if (number.customerId) throw new ApiError(409, 'already_converted', text('already_converted', locale));
  const values = convertedValues(home, number, typed, (f) => ctx.view.writable(f));
  const cap = home.entity.owned === false ? null : ctx.permissions.entity(home.entity.key).cap;
  const created = await giveWithinCaps(app, { entity: home.entity.key, userId: ctx.user.id, cap }, locale, async (session) => {
    const record = await app.records.create(ctx, { values }, { session });
    const linked = await taskNumbersCollection(app.db).updateOne(
      { _id: number._id, customerId: { $exists: false } }, { $set: { customerId: record.id, updatedAt: new Date() } }, { session },
    );
    if (!linked.modifiedCount) throw new ApiError(409, 'already_converted', text('already_converted', locale));
    return record;
  });
  return created!;
}
