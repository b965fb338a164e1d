import type { Issue } from '../api/issues';

/** Validation messages under an input; role=alert so screen readers hear them as they appear. */
export function InlineIssues({ issues, testId }: { issues: readonly Issue[]; testId?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="inline-issues" role="alert" data-testid={testId ?? 'inline-issues'}>
      {issues.map((i, n) => (
        <li key={`${i.path}-${i.code}-${n}`} data-path={i.path}>
          {i.message}
        </li>
      ))}
    </ul>
  );
}
