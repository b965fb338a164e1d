import type { FieldOption } from '@telesales/schemas';
import { suggestKey } from './suggest-key.js';

/** `base`, or base_2, base_3... : the first one no other option of the field has. */
export function uniqueOptionValue(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

/** The value an option's English label suggests, like field keys ("Gold member" -> gold_member); option_N when it suggests none. */
export function derivedOptionValue(english: string | undefined, position: number, taken: ReadonlySet<string>): string {
  return uniqueOptionValue(suggestKey(english ?? '') || `option_${position}`, taken);
}

/**
 * The option after its label changed (`next`, at `index` of `options`). Its value follows the English label
 * while it is still the one derived from the previous label (new options start as "Option N" / option_N),
 * so a value typed by hand stays; a published option's value never changes (stored records hold it).
 */
export function withDerivedValue(options: readonly FieldOption[], index: number, next: FieldOption, published: boolean): FieldOption {
  const previous = options[index];
  if (!previous || published || next.value !== previous.value || next.label?.en === previous.label?.en) return next;
  const taken = new Set(options.filter((_, i) => i !== index).map((o) => o.value));
  if (previous.value !== derivedOptionValue(previous.label?.en, index + 1, taken)) return next;
  return { ...next, value: derivedOptionValue(next.label?.en, index + 1, taken) };
}
