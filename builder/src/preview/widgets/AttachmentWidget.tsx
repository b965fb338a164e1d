import { useTranslation } from 'react-i18next';
import type { WidgetProps } from './widget-props';

export function AttachmentWidget({ id }: WidgetProps) {
  const { t } = useTranslation();
  return (
    <div id={id} className="dropzone" aria-disabled="true">
      ⎘ {t('preview.attach')}
    </div>
  );
}
