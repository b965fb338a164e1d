import { localize, type Locale, type LocalText } from '@telesales/schemas';

/** An entity's label as a counted noun: "32 / 50 customers" (English plural; `count` 1: "customer"), "32 / 50 个客户". */
export function countNoun(label: LocalText, locale: Locale, count?: number): string {
	const text = localize(label, locale);
	if (locale !== 'en') return text;
	const lower = text.toLowerCase();
	if (count === 1) return lower;
	if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
	if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
	return `${lower}s`;
}
