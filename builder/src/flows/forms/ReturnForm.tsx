import { useTranslation } from 'react-i18next';

export function ReturnForm() {
  const { t } = useTranslation();
  return <p className="hint">{t('flows.form.returnHint')}</p>;
}
