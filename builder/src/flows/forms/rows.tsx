// The labelled inputs the settings forms are made of; each shows the issues at its own pointer.
import type { ReactNode } from 'react';
import { issuesUnder, type Issue } from '../../api/issues';
import { FormRow } from '../../ui/FormRow';
import { NumberInput } from '../../ui/NumberInput';

interface RowProps<V> {
  label: string;
  value: V | undefined;
  onChange(value: V | undefined): void;
  issues: readonly Issue[];
  pointer: string;
  testId: string;
  hint?: ReactNode;
}

export function NumberRow({ min, max, ...p }: RowProps<number> & { min?: number; max?: number }) {
  return (
    <FormRow label={p.label} issues={issuesUnder(p.issues, p.pointer)} hint={p.hint}>
      {(id, invalid) => <NumberInput id={id} min={min} max={max} value={p.value} onValue={p.onChange} aria-invalid={invalid} data-testid={p.testId} />}
    </FormRow>
  );
}

export function TextRow({ placeholder, list, ...p }: RowProps<string> & { placeholder?: string; list?: string }) {
  return (
    <FormRow label={p.label} issues={issuesUnder(p.issues, p.pointer)} hint={p.hint}>
      {(id, invalid) => (
        <input id={id} value={p.value ?? ''} placeholder={placeholder} list={list} aria-invalid={invalid} onChange={(e) => p.onChange(e.target.value || undefined)} data-testid={p.testId} />
      )}
    </FormRow>
  );
}

/** A JSONata expression: monospace, and the parse error (with its position) right under it. */
export function ExpressionRow(p: RowProps<string>) {
  return (
    <FormRow label={p.label} issues={issuesUnder(p.issues, p.pointer)} hint={p.hint}>
      {(id, invalid) => (
        <textarea
          id={id}
          className="mono"
          rows={2}
          spellCheck={false}
          value={p.value ?? ''}
          aria-invalid={invalid}
          onChange={(e) => p.onChange(e.target.value)}
          data-testid={p.testId}
        />
      )}
    </FormRow>
  );
}

export function SelectRow<V extends string>({ options, ...p }: RowProps<V> & { options: { value: V; label: string }[] }) {
  return (
    <FormRow label={p.label} issues={issuesUnder(p.issues, p.pointer)} hint={p.hint}>
      {(id, invalid) => (
        <select id={id} value={p.value ?? ''} aria-invalid={invalid} onChange={(e) => p.onChange((e.target.value || undefined) as V | undefined)} data-testid={p.testId}>
          {p.value === undefined && <option value="">…</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormRow>
  );
}
