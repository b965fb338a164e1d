import { normalizePhone, type FieldDefinition } from '@telesales/schemas';
import type { Document } from 'mongodb';
import type { RecordContext } from './context.js';
import { containsText, escapeRegExp, phoneDigits } from './text-match.js';

const TEXT_LIKE = new Set(['text', 'longtext', 'email', 'url', 'tags']);
const NUMERIC = new Set(['integer', 'decimal', 'money', 'percent']);
/** Text that reads as (part of) a phone number: digits and the usual separators, at least three digits. */
const PHONE_LIKE = /^[\d\s+\-().]+$/;

/**
 * The `q` quick search: one text matched against every searchable field the reader may see.
 *
 * Masked fields (for a reader without unmask) match only the full value, exactly: an agent can find the
 * customer whose number they already hold (a caller, a note) — the answer stays masked — but cannot
 * learn a number by probing it digit by digit with partial searches.
 */
export function quickSearch(ctx: RecordContext, q: string): Document {
  const term = q.trim();
  if (!term) return {};
  const clauses = ctx.entity.fields
    .filter((f) => f.searchable && !f.retired && ctx.view.visible(f))
    .flatMap((f) => clausesFor(f, term, ctx.view.masked(f)));
  // No field can match: an empty $or is refused by MongoDB, so match nothing explicitly.
  return clauses.length ? { $or: clauses } : { _id: { $in: [] } };
}

function clausesFor(field: FieldDefinition, term: string, masked: boolean): Document[] {
  const path = `values.${field.key}`;
  if (field.type === 'phone') {
    if (!PHONE_LIKE.test(term) || term.replace(/\D/g, '').length < 3) return [];
    const exact = normalizePhone(term, field.defaultCountry);
    if (masked) return [{ [path]: exact }];
    return [{ [path]: exact }, { [path]: phoneDigits(field, term, false)! }];
  }
  if (masked) return [{ [path]: new RegExp(`^${escapeRegExp(term)}$`, 'i') }];
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
