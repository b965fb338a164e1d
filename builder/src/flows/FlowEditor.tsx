import { useMemo } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useFlowDraft } from '../designer/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { nodeIndexOf } from './flow-issues';
import { FlowWorkspace } from './FlowWorkspace';
import { useFlowHistory } from './use-flow-history';

/** Brings the node an issue is about into view and selects it (React Flow selects on a click on the node). */
function goToIssue(path: string) {
  const index = nodeIndexOf(path);
  const el = index === null ? null : document.querySelectorAll<HTMLElement>('.react-flow__node')[index];
  el?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
}

/** A call flow: canvas, settings and test call; autosaved as a draft, published with version history. */
export function FlowEditor({ flowKey }: { flowKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useFlowDraft(flowKey);
  const history = useFlowHistory(draft);
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  return (
    <DraftFrame kind="flow" draft={draft} issueCount={issues.length} neverPublishedText={t('flows.discardNeverPublished')} onDiscarding={history.reset} className="designer flow-editor">
      <IssueSummary def={def} issues={issues} onGo={(_field, path) => goToIssue(path)} />
      <ReactFlowProvider>
        <FlowWorkspace def={def} issues={issues} history={history} />
      </ReactFlowProvider>
    </DraftFrame>
  );
}
