// UI language: svelte-i18n holds the messages; the chosen language is saved per browser. Until the user
// picks one, the default is the account's locale (after login) or the browser's language (before).
import { addMessages, getLocaleFromNavigator, init, locale } from 'svelte-i18n';
import { derived } from 'svelte/store';
import type { Locale } from '@telesales/schemas';
import { setApiLanguage } from '$lib/api/client';
import en from './en.json';
import zh from './zh.json';
import importEn from './import.en.json';
import importZh from './import.zh.json';
import callsEn from './calls.en.json';
import callsZh from './calls.zh.json';
import traceEn from './trace.en.json';
import traceZh from './trace.zh.json';
import outboundEn from './outbound.en.json';
import outboundZh from './outbound.zh.json';
import monitoringEn from './monitoring.en.json';
import monitoringZh from './monitoring.zh.json';
import reportsEn from './reports.en.json';
import reportsZh from './reports.zh.json';

const STORAGE_KEY = 'telesales.console.locale';

export function toLocale(value: string | null | undefined): Locale {
	return value && value.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function savedLocale(): Locale | null {
	try {
		const value = localStorage.getItem(STORAGE_KEY);
		return value === 'zh' || value === 'en' ? value : null;
	} catch {
		return null;
	}
}

function apply(next: Locale): void {
	locale.set(next);
	setApiLanguage(next);
	document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export function setupI18n(): void {
	addMessages('en', en);
	addMessages('zh', zh);
	addMessages('en', importEn);
	addMessages('zh', importZh);
	addMessages('en', callsEn);
	addMessages('zh', callsZh);
	addMessages('en', traceEn);
	addMessages('zh', traceZh);
	addMessages('en', outboundEn);
	addMessages('zh', outboundZh);
	addMessages('en', monitoringEn);
	addMessages('zh', monitoringZh);
	addMessages('en', reportsEn);
	addMessages('zh', reportsZh);
	const initial = savedLocale() ?? toLocale(getLocaleFromNavigator());
	init({ fallbackLocale: 'en', initialLocale: initial });
	apply(initial);
}

/** The user picked a language: remember it for this browser. */
export function chooseLocale(next: Locale): void {
	try {
		localStorage.setItem(STORAGE_KEY, next);
	} catch {
		// private mode: the choice lasts for this page only
	}
	apply(next);
}

/** After login: the account's language applies unless the user already picked one here. */
export function adoptAccountLocale(accountLocale: Locale | undefined): void {
	if (!savedLocale() && accountLocale) apply(accountLocale);
}

/** The current UI language as the definitions' Locale ('zh' | 'en'). */
export const uiLocale = derived(locale, (value) => toLocale(value));
