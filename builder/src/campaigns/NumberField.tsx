import { issuesAt, type Issue } from '../api/issues';
import { FormRow } from '../ui/FormRow';
import { NumberInput } from '../ui/NumberInput';

interface Props {
  label: string;
  hint?: string;
  issues: readonly Issue[];
  /** The value's JSON pointer: issues exactly at it show under the input. */
  pointer: string;
  value: number | undefined;
  onValue(value: number | undefined): void;
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  testId: string;
}

/** One optional number of the task (empty = the default), with its issues beside it. */
export function NumberField({ label, hint, issues, pointer, value, onValue, testId, ...limits }: Props) {
  return (
    <FormRow label={label} hint={hint} issues={issuesAt(issues, pointer)}>
      {(id, invalid) => <NumberInput id={id} aria-invalid={invalid} value={value} onValue={onValue} data-testid={testId} {...limits} />}
    </FormRow>
  );
}
