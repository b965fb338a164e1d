import { normalizePhone, searchTextIssues, type FieldDefinition } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import type { Document } from 'mongodb';
import type { RecordContext } from './context.js';
import { text } from './messages.js';
import { containsText, escapeRegExp, phoneDigits } from './text-match.js';

const TEXT_LIKE = new Set(['text', 'longtext', 'email', 'url', 'tags']);
const NUMERIC = new Set(['integer', 'decimal', 'money', 'percent']);
/** Text that reads as (part of) a phone number: digits and the usual separators, at least three digits. */
const PHONE_LIKE = /^[\d\s+\-().]+$/;

export interface QuickSearch {
  query: Document;
  /** The search tests the term against a field masked for the reader: it counts against their budget. */
  testsMasked: boolean;
}

/**
 * The `q` quick search: one text matched against every searchable field the reader may see.
 *
 * Masked fields (for a reader without unmask) match only the full value, exactly, and only on records the
 * reader owns: an agent can find their own customer by the number a caller gives (the answer stays masked),
 * but cannot test a guessed number against a pool's, a teammate's or a team's records, nor probe one digit
 * by digit. Testing guesses against their own records is bounded by masked-checks.ts's hourly budget.
 * Entities without owners (owned: false) are shared by all their readers, so there the budget alone applies.
 */
export function quickSearch(ctx: RecordContext, q: string): QuickSearch {
  const issues = searchTextIssues(q, '/q', ctx.locale);
  if (issues.length) throw new ApiError(400, 'invalid_search', text('invalid_search', ctx.locale), issues);
  const term = q.trim();
  if (!term) return { query: {}, testsMasked: false };
  const own = ctx.entity.owned === false ? {} : { ownerId: ctx.user.id };
  let testsMasked = false;
  const clauses = ctx.entity.fields
    .filter((f) => f.searchable && !f.retired && ctx.view.visible(f))
    .flatMap((f) => {
      if (!ctx.view.masked(f)) return clausesFor(f, term);
      const exact = maskedClause(f, term);
      if (!exact) return [];
      testsMasked = true;
      return [{ ...exact, ...own }];
    });
  // No field can match: an empty $or is refused by MongoDB, so match nothing explicitly.
  return { query: clauses.length ? { $or: clauses } : { _id: { $in: [] } }, testsMasked };
}

/** Text that could be a phone number: digits and the usual separators, at least three digits. */
function phoneLike(term: string): boolean {
  return PHONE_LIKE.test(term) && term.replace(/\D/g, '').length >= 3;
}

function maskedClause(field: FieldDefinition, term: string): Document | null {
  const path = `values.${field.key}`;
  if (field.type === 'phone') return phoneLike(term) ? { [path]: normalizePhone(term, field.defaultCountry) } : null;
  return { [path]: new RegExp(`^${escapeRegExp(term)}$`, 'i') };
}

function clausesFor(field: FieldDefinition, term: string): Document[] {
  const path = `values.${field.key}`;
  if (field.type === 'phone') {
    if (!phoneLike(term)) return [];
    return [{ [path]: normalizePhone(term, field.defaultCountry) }, { [path]: phoneDigits(field, term, false)! }];
  }
  if (TEXT_LIKE.has(field.type)) return [{ [path]: containsText(term) }];
  if (field.type === 'select' || field.type === 'multiselect') {
    // People search by what they read: an option's label in either language, or its value.
    const re = containsText(term);
    const values = (field.options ?? [])
      .filter((o) => re.test(o.value) || re.test(o.label.zh ?? '') || re.test(o.label.en ?? ''))
      .map((o) => o.value);
    return values.length ? [{ [path]: { $in: values } }] : [];
  }
  if (NUMERIC.has(field.type) && /^-?\d+(\.\d+)?$/.test(term)) return [{ [path]: Number(term) }];
  if (field.type === 'date' || field.type === 'datetime') return [{ [path]: new RegExp(`^${escapeRegExp(term)}`) }];
  if (field.type === 'address') {
    const re = containsText(term);
    return ['province', 'city', 'district', 'street', 'postcode'].map((p) => ({ [`${path}.${p}`]: re }));
  }
  return [];
}
