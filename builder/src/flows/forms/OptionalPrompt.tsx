import type { FlowDefinition, Prompt } from '@telesales/schemas';
import type { Issue } from '../../api/issues';
import { CheckboxRow } from '../../ui/CheckboxRow';
import { PromptEditor } from './PromptEditor';

interface Props {
  label: string;
  value: Prompt | undefined;
  languages: FlowDefinition['languages'];
  issues: readonly Issue[];
  pointer: string;
  testId: string;
  onChange(prompt: Prompt | undefined): void;
}

/** A prompt a node may do without (a re-prompt, a queue's welcome, a goodbye before hanging up): a box turns it on. */
export function OptionalPrompt({ label, value, onChange, testId, ...rest }: Props) {
  return (
    <div className="optional-prompt">
      <CheckboxRow label={label} checked={value !== undefined} onChange={(on) => onChange(on ? { text: {} } : undefined)} testId={`${testId}-on`} />
      {value !== undefined && <PromptEditor label={label} value={value} onChange={onChange} testId={testId} {...rest} />}
    </div>
  );
}
