import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '@telesales/schemas';
import { setApiLanguage } from '../api/client';
import { en } from './en';
import { zh } from './zh';

const STORAGE_KEY = 'telesales.builder.lang';

function initialLanguage(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const lng = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng,
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes already
});
setApiLanguage(lng);
applyToDocument(lng);

function applyToDocument(lang: Locale): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = i18n.t('app.name');
}

export function setLanguage(lang: Locale): void {
  localStorage.setItem(STORAGE_KEY, lang);
  setApiLanguage(lang);
  void i18n.changeLanguage(lang).then(() => applyToDocument(lang));
}

/** The UI language as a definition Locale, for localize() and validateDefinition(). */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return instance.language === 'zh' ? 'zh' : 'en';
}

export default i18n;
