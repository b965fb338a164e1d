/**
 * Small builders of aggregation expressions the metrics are written with. They produce plain JSON (no driver
 * types), so the catalogue stays pure and the runtime hands the result to the database as it is.
 */
export type Expr = unknown;

/** The value at a document path. */
export const at = (path: string): string => `$${path}`;
/** The path holds a value (neither missing nor null). */
export const has = (path: string): Expr => ({ $ne: [{ $ifNull: [at(path), null] }, null] });
export const eq = (path: string, value: unknown): Expr => ({ $eq: [at(path), value] });
export const inList = (path: string, values: readonly unknown[]): Expr => ({ $in: [{ $ifNull: [at(path), null] }, [...values]] });
export const and = (...xs: Expr[]): Expr => ({ $and: xs });
export const not = (x: Expr): Expr => ({ $not: [x] });
/** Seconds from one date path to another, when both are set. */
export const secondsBetween = (from: string, to: string): Expr =>
  ({ $cond: [and(has(from), has(to)), { $divide: [{ $subtract: [at(to), at(from)] }, 1000] }, 0] });
/** Accumulators: documents where `cond` holds, and the sum of `value` over them. */
export const countIf = (cond: Expr): Expr => ({ $sum: { $cond: [cond, 1, 0] } });
export const sumIf = (cond: Expr, value: Expr): Expr => ({ $sum: { $cond: [cond, value, 0] } });
/** a / b, or null when b is 0 (no denominator: no rate, rather than 0 %). */
export const ratio = (a: Expr, b: Expr): Expr => ({ $cond: [{ $gt: [b, 0] }, { $divide: [a, b] }, null] });
