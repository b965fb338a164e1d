import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { useAsync } from '../hooks/use-async';
import { useSession } from '../auth/session';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { PermissionMatrix } from './PermissionMatrix';
import { RoleSettings } from './RoleSettings';


/** Moves focus to the input an issue is about: a matrix row, or a setting by its test id. */
function focusIssue(path: string) {
  const [, top, key] = path.split('/');
  const selector =
    top === 'entities' && key
      ? `[data-testid="perm-row"][data-key="${CSS.escape(key)}"] :is(input, select)`
      : `[data-testid^="role-${CSS.escape(top ?? '')}"]:is(input, select, textarea), [data-testid^="role-${CSS.escape(top ?? '')}"] input`;
  document.querySelector<HTMLElement>(selector)?.focus();
}

/** A role: its settings and permission matrix, validated live, autosaved as a draft, published with a message. */
export function RoleEditor({ roleKey }: { roleKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { me } = useSession();
  const draft = useDefinitionDraft('role', roleKey);
  const entities = useAsync(() => listDefinitions('entity'), []);
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  return (
    <DraftFrame kind="role" draft={draft} issueCount={issues.length} neverPublishedText={t('roles.discardNeverPublished')} className="designer role-editor">
      <IssueSummary
        def={def}
        issues={issues}
        onGo={(_field, path) => focusIssue(path)}
      />
      <div className="role-body">
        <RoleSettings def={def} published={draft.published} issues={issues} isOwnRole={me?.user.role === def.key} onChange={draft.update} />
        <PermissionMatrix def={def} issues={issues} entities={entities} onChange={draft.update} />
      </div>
    </DraftFrame>
  );
}
