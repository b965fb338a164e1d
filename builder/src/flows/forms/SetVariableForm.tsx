import { useTranslation } from 'react-i18next';
import { AssignmentList } from './AssignmentList';
import type { FormProps } from './form-props';

export function SetVariableForm({ node, issues, base, set }: FormProps<'setVariable'>) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint">{t('flows.form.expressionHint')}</p>
      <AssignmentList label={t('flows.form.assignments')} items={node.config.assignments} min={1} issues={issues} pointer={`${base}/assignments`} testId="assignments" onChange={(assignments) => set({ ...node.config, assignments })} />
    </>
  );
}
