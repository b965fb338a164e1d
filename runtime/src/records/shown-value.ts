import { maskValue, type FieldDefinition } from '@telesales/schemas';
import type { FieldView } from './field-view.js';

/**
 * The one place a stored value is made fit for its reader: masked (138****5678) when the field is masked and
 * the reader may not unmask it. Every value that leaves the server passes here: record answers, the operation
 * log, duplicate answers, screen pops, call answers (the caller's number), the flows' look-ups.
 */
export function shownValue(view: FieldView, field: FieldDefinition, value: unknown): unknown {
  return view.masked(field) ? maskValue(field, value) : value;
}

/** The value of a field (by key) as this reader may see it; a key the definition no longer has is passed as is. */
export function valueForReader(ctx: { view: FieldView }, key: string, value: unknown): unknown {
  const field = ctx.view.field(key);
  return field ? shownValue(ctx.view, field, value) : value;
}
