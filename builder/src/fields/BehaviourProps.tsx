import { useTranslation } from 'react-i18next';
import { issuesAt } from '../api/issues';
import { CheckboxRow } from '../ui/CheckboxRow';
import { InlineIssues } from '../ui/InlineIssues';
import { LocalTextInput } from '../ui/LocalTextInput';
import type { FieldEditorProps } from './editor-props';

const FLAGS = ['readOnly', 'unique', 'searchable', 'sortable', 'showInList', 'masked'] as const;

/** Help text and the switches that change how the runtime and the console treat the field. */
export function BehaviourProps({ field, pointer, issues, onPatch }: FieldEditorProps) {
  const { t } = useTranslation();
  return (
    <>
      <LocalTextInput
        label={t('field.help')}
        value={field.help}
        onChange={(help) => onPatch({ help })}
        issues={issues}
        pointer={`${pointer}/help`}
        testId="field-help"
        multiline
      />
      <div className="flags">
        {FLAGS.map((flag) => (
          <div key={flag}>
            <CheckboxRow
              label={t(`field.${flag}`)}
              hint={t(`field.${flag}Hint`)}
              checked={field[flag] ?? false}
              onChange={(on) => onPatch({ [flag]: on })}
              testId={`field-${flag}`}
            />
            <InlineIssues issues={issuesAt(issues, `${pointer}/${flag}`)} />
          </div>
        ))}
      </div>
    </>
  );
}
