import { localize, type Locale, type LocalText } from '@telesales/schemas';

/** An entity's label as a counted noun: "32 / 50 customers" (English plural), "32 / 50 个客户". */
export function countNoun(label: LocalText, locale: Locale): string {
	const text = localize(label, locale);
	if (locale !== 'en') return text;
	const lower = text.toLowerCase();
	if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
	if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
	return `${lower}s`;
}
