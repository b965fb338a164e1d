import { useTranslation } from 'react-i18next';
import { useDefinitionDraft } from '../hooks/use-definition-draft';

/** Until the task designer lands: the task's definition as it is stored, read-only, so a created task can be looked at. */
export function CampaignEditor({ defKey }: { defKey: string }) {
  const { t } = useTranslation();
  const draft = useDefinitionDraft('campaign', defKey);
  if (!draft.def) return <p>{t('state.loading')}</p>;
  return (
    <section>
      <p>{t('campaigns.designerPending')}</p>
      <pre>{JSON.stringify(draft.def, null, 2)}</pre>
    </section>
  );
}
