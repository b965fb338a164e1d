import { useId, type ReactElement, type ReactNode } from 'react';
import type { Issue } from '../api/issues';
import { InlineIssues } from './InlineIssues';

interface Props {
  label: ReactNode;
  issues?: readonly Issue[];
  hint?: ReactNode;
  /** Receives the id to put on the input so the <label> points at it. */
  children: (id: string, invalid: boolean) => ReactElement;
}

export function FormRow({ label, issues = [], hint, children }: Props) {
  const id = useId();
  return (
    <div className={`form-row${issues.length ? ' has-issues' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, issues.length > 0)}
      {hint && <div className="hint">{hint}</div>}
      <InlineIssues issues={issues} />
    </div>
  );
}
