import type { Db } from 'mongodb';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from './context.js';
import { text } from './messages.js';
import { recordSecurityAlert } from './security-alerts.js';

/**
 * How many times an hour one person may test a value against a field that is masked for them: a quick
 * search matched exactly on a masked number, or a write of a masked unique / duplicate-key value (whose
 * "duplicate" answer says the number exists). A masked phone hides at least 4 digits (schemas' mask.ts),
 * so 10^4 guesses at the least: at 60 an hour that is a week of nothing else, and the admins hear of it
 * in the first hour. An agent looks up a caller or types in a new customer far less often than once a minute.
 */
export const MASKED_CHECKS_PER_HOUR = 60;
const HOUR_MS = 3_600_000;

interface CheckCountDoc {
  _id: string;
  count: number;
  expiresAt: Date;
}

const countsCollection = (db: Db) => db.collection<CheckCountDoc>('masked_checks');

export async function ensureMaskedCheckIndexes(db: Db): Promise<void> {
  await countsCollection(db).createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
}

/**
 * Counts one masked-value check of this person in the current hour, in the database so that every runtime
 * process counts the same (like auth's login attempts). Past the budget: 429, and the first refusal of the
 * hour leaves an alert for the admins. The guessed value is neither stored nor logged.
 */
export async function spendMaskedCheck(ctx: RecordContext): Promise<void> {
  const hour = Math.floor(Date.now() / HOUR_MS);
  const counted = await countsCollection(ctx.app.db).findOneAndUpdate(
    { _id: `${ctx.user.id}|${hour}` },
    { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date((hour + 2) * HOUR_MS) } },
    { upsert: true, returnDocument: 'after' },
  );
  const count = counted?.count ?? 1;
  if (count <= MASKED_CHECKS_PER_HOUR) return;
  if (count === MASKED_CHECKS_PER_HOUR + 1) {
    await recordSecurityAlert(ctx.app.db, {
      kind: 'masked_guessing', user: { id: ctx.user.id, login: ctx.user.login, name: ctx.user.name },
      entity: ctx.entity.key, limit: MASKED_CHECKS_PER_HOUR,
    });
  }
  throw new ApiError(429, 'masked_check_limit', text('masked_check_limit', ctx.locale, { limit: MASKED_CHECKS_PER_HOUR }));
}

/** Values the reader writes into masked fields that a unique index checks: each one is a guess tested. */
export function writesMaskedKey(ctx: RecordContext, keys: Iterable<string>): boolean {
  const keyed = new Set([
    ...ctx.entity.fields.filter((f) => f.unique).map((f) => f.key),
    ...(ctx.entity.duplicateKeys ?? []).flat(),
  ]);
  for (const key of keys) {
    const field = ctx.view.field(key);
    if (field && keyed.has(key) && ctx.view.masked(field)) return true;
  }
  return false;
}
