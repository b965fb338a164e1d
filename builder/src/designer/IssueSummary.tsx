import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnyDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { describePath } from './describe-path';

interface Props {
  def: AnyDefinition;
  issues: readonly Issue[];
  /** Called with the field an issue is about (entities), or the issue's path for other kinds. */
  onGo(fieldId: string | null, path: string): void;
}

/** All problems that block Publish, each a link to where it can be fixed. */
export function IssueSummary({ def, issues, onGo }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  if (issues.length === 0)
    return (
      <div className="issue-summary ok" data-testid="issue-summary" data-count="0" role="status">
        ✓ {t('issues.none')}
      </div>
    );
  return (
    <div className="issue-summary" data-testid="issue-summary" data-count={issues.length} role="status">
      <button type="button" className="linklike" aria-expanded={open} onClick={() => setOpen(!open)}>
        ⚠ {t('issues.count', { count: issues.length })}
      </button>
      {open && (
        <ul>
          {issues.map((issue, n) => {
            const place = describePath(def, issue.path, locale);
            return (
              <li key={`${issue.path}-${n}`}>
                <button type="button" className="linklike" onClick={() => onGo(place.fieldId ?? null, issue.path)}>
                  {place.text}
                </button>
                : {issue.message}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
