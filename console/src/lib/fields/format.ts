// Plain-text formatting of values (numbers, money, dates, addresses), shared by the display widgets.
import type { Locale } from '@telesales/schemas';

const intlLocale = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-US');

export function isEmptyValue(value: unknown): boolean {
	if (value === null || value === undefined || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.values(value as object).every((v) => v === null || v === undefined || v === '');
	return false;
}

export function formatNumber(value: number, locale: Locale, decimals?: number): string {
	return new Intl.NumberFormat(intlLocale(locale), {
		minimumFractionDigits: decimals ?? 0,
		maximumFractionDigits: decimals ?? 8
	}).format(value);
}

export function formatMoney(value: number, locale: Locale, currency = 'CNY', decimals = 2): string {
	try {
		return new Intl.NumberFormat(intlLocale(locale), {
			style: 'currency',
			currency,
			minimumFractionDigits: decimals,
			maximumFractionDigits: decimals
		}).format(value);
	} catch {
		return `${formatNumber(value, locale, decimals)} ${currency}`;
	}
}

// Dates stay ISO-like (2024-05-01) in both languages: unambiguous for agents reading them aloud.
export function formatDate(value: string): string {
	return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTime(value: string): string {
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** ISO instant -> value of <input type="datetime-local"> in the browser's zone. */
export function toLocalInput(value: unknown): string {
	if (typeof value !== 'string' || !value) return '';
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return '';
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
	if (!value) return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function formatAddress(value: unknown): string {
	if (!value || typeof value !== 'object') return String(value ?? '');
	const a = value as Record<string, string | undefined>;
	return [a.country, a.province, a.city, a.district, a.street, a.postcode].filter(Boolean).join(' ');
}

export function formatBytes(size: number): string {
	if (size < 1024) return `${size} B`;
	if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
	return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
