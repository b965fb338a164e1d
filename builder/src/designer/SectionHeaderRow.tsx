import type { EntityDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n';
import { SortableRow } from '../ui/SortableRow';

type Section = NonNullable<EntityDefinition['sections']>[number];

export function SectionHeaderRow({ id, section }: { id: string; section: Section }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <SortableRow id={id} fixed className="section-row" handleLabel="" testId="section-row" data={{ key: section.key }}>
      {() => (
        <>
          <span className="section-title">{localize(section.label, locale) || section.key}</span>
          <span className="muted small" title={t('section.key')}>
            {section.key}
          </span>
        </>
      )}
    </SortableRow>
  );
}
