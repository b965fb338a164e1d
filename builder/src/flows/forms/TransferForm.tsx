import { useTranslation } from 'react-i18next';
import type { FormProps } from './form-props';
import { SelectRow, TextRow } from './rows';
import { SkillGroupSelect } from './SkillGroupSelect';

const TYPES = ['agent', 'group', 'external'] as const;

/** Hands the call to a person, a skill group or an outside number. */
export function TransferForm({ node, issues, base, set }: FormProps<'transfer'>) {
  const { t } = useTranslation();
  const c = node.config;
  const target = c.target;
  const setRef = (ref: string) => set({ ...c, target: { ...target, ref } });
  return (
    <>
      <SelectRow
        label={t('flows.form.targetType')}
        value={target.type}
        options={TYPES.map((v) => ({ value: v, label: t(`flows.form.target_${v}`) }))}
        onChange={(type) => set({ ...c, target: { type: type ?? 'group', ref: '' } })}
        issues={issues}
        pointer={`${base}/target/type`}
        testId="transfer-type"
      />
      {target.type === 'group' ? (
        <SkillGroupSelect value={target.ref} onChange={setRef} issues={issues} pointer={`${base}/target/ref`} testId="transfer-ref" />
      ) : (
        <TextRow
          label={t(target.type === 'agent' ? 'flows.form.agentLogin' : 'flows.form.externalNumber')}
          value={target.ref}
          onChange={(v) => setRef(v ?? '')}
          issues={issues}
          pointer={`${base}/target/ref`}
          testId="transfer-ref"
        />
      )}
    </>
  );
}
