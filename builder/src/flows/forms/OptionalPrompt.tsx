import type { Prompt } from '@telesales/schemas';
import { CheckboxRow } from '../../ui/CheckboxRow';
import { PromptEditor, type PromptEditorProps } from './PromptEditor';

/** A prompt editor's props, but the prompt may be turned off (undefined). */
interface Props extends Omit<PromptEditorProps, 'onChange'> {
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
