import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { listSkillGroups } from '../../api/flows';
import type { Issue } from '../../api/issues';
import { useAsync } from '../../hooks/use-async';
import { useLocale } from '../../i18n';
import { SelectRow } from './rows';

interface Props {
  value: string | undefined;
  onChange(key: string): void;
  issues: readonly Issue[];
  pointer: string;
  testId: string;
}

/** A skill group from GET /api/skill-groups; a key no longer listed stays shown (and the checks say so). */
export function SkillGroupSelect({ value, onChange, issues, pointer, testId }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const groups = useAsync(() => listSkillGroups(), []);
  const options = (groups.data ?? []).map((g) => ({ value: g.key, label: `${localize(g.name, locale) || g.key} (${g.key})` }));
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return (
    <SelectRow
      label={t('flows.form.skillGroup')}
      value={value || undefined}
      options={options}
      onChange={(v) => onChange(v ?? '')}
      issues={issues}
      pointer={pointer}
      testId={testId}
      hint={groups.error ? t('flows.form.skillGroupsFailed') : undefined}
    />
  );
}
