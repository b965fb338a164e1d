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
 * An import tests each of its rows' masked key values against the stored records (a duplicate row says the
 * number exists), so a file of guesses is a search at thousands a second. Rows whose masked keys an import
 * checks are counted per person per day: a day's calling list fits, a guessing run over the 10^4+ numbers a
 * mask leaves open does not. Larger lists are imported by someone who may see the numbers (unmask).
 */
export const MASKED_IMPORT_ROWS_PER_DAY = 10_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Counts `n` masked-value checks of this person in the current window, in the database so that every runtime
 * process counts the same (like auth's login attempts). Past the budget: 429, and the first refusal of the
 * window leaves an alert for the admins. The guessed value is neither stored nor logged.
 */
async function spend(ctx: RecordContext, budget: { kind: 'search' | 'import'; limit: number; windowMs: number }, n: number): Promise<void> {
  const window = Math.floor(Date.now() / budget.windowMs);
  const counted = await countsCollection(ctx.app.db).findOneAndUpdate(
    { _id: `${ctx.user.id}|${budget.kind}|${window}` },
    { $inc: { count: n }, $setOnInsert: { expiresAt: new Date((window + 2) * budget.windowMs) } },
    { upsert: true, returnDocument: 'after' },
  );
  const count = counted?.count ?? n;
  if (count <= budget.limit) return;
  if (count - n <= budget.limit) {
    await recordSecurityAlert(ctx.app.db, {
      kind: 'masked_guessing', user: { id: ctx.user.id, login: ctx.user.login, name: ctx.user.name },
      entity: ctx.entity.key, limit: budget.limit,
    });
  }
  const code = budget.kind === 'search' ? 'masked_check_limit' : 'masked_import_limit';
  throw new ApiError(429, code, text(code, ctx.locale, { limit: budget.limit }));
}

/** One search or write that tests a masked value: at most MASKED_CHECKS_PER_HOUR an hour. */
export function spendMaskedCheck(ctx: RecordContext): Promise<void> {
  return spend(ctx, { kind: 'search', limit: MASKED_CHECKS_PER_HOUR, windowMs: HOUR_MS }, 1);
}

/** `rows` import rows whose masked key values are checked: at most MASKED_IMPORT_ROWS_PER_DAY a day. */
export function spendMaskedImportRows(ctx: RecordContext, rows: number): Promise<void> {
  return spend(ctx, { kind: 'import', limit: MASKED_IMPORT_ROWS_PER_DAY, windowMs: DAY_MS }, rows);
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
