import { useTranslation } from 'react-i18next';
import { setLanguage, useLocale } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <select
      className="lang-switch"
      aria-label={t('app.language')}
      data-testid="language-switch"
      value={locale}
      onChange={(e) => setLanguage(e.target.value === 'zh' ? 'zh' : 'en')}
    >
      {/* each language by its own name, marked as that language */}
      <option value="zh" lang="zh">中文</option>
      <option value="en" lang="en">English</option>
    </select>
  );
}
