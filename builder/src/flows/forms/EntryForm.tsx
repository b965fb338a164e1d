import { useTranslation } from 'react-i18next';
import { issuesUnder } from '../../api/issues';
import { FormRow } from '../../ui/FormRow';
import { TagsInput } from '../../ui/TagsInput';
import { withKey, type FormProps } from './form-props';

/** Which numbers (and queues) start this flow. */
export function EntryForm({ node, issues, base, set }: FormProps<'entry'>) {
  const { t } = useTranslation();
  const c = node.config;
  return (
    <>
      <FormRow label={t('flows.form.numbers')} issues={issuesUnder(issues, `${base}/numbers`)} hint={t('flows.form.numbersHint')}>
        {(id, invalid) => <TagsInput id={id} value={c.numbers} aria-invalid={invalid} onValue={(v) => set({ ...c, numbers: v ?? [] })} data-testid="entry-numbers" />}
      </FormRow>
      <FormRow label={t('flows.form.queues')} issues={issuesUnder(issues, `${base}/queues`)} hint={t('flows.form.queuesHint')}>
        {(id, invalid) => <TagsInput id={id} value={c.queues} aria-invalid={invalid} onValue={(v) => set(withKey(c, 'queues', v))} data-testid="entry-queues" />}
      </FormRow>
    </>
  );
}
