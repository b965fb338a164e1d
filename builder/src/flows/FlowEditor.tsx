import { useMemo } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { DraftFrame } from '../designer/DraftFrame';
import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { FlowIssueSummary } from './FlowIssueSummary';
import { FlowWorkspace } from './FlowWorkspace';
import { useFlowHistory } from './use-flow-history';

/** A call flow: canvas, settings and test call; autosaved as a draft, published with version history. */
export function FlowEditor({ flowKey }: { flowKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useDefinitionDraft('flow', flowKey);
  const history = useFlowHistory(draft);
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  return (
    <DraftFrame kind="flow" draft={draft} issueCount={issues.length} neverPublishedText={t('flows.discardNeverPublished')} onDiscarding={history.reset} className="designer flow-editor">
      {/* One provider for both: going to an issue pans the canvas. */}
      <ReactFlowProvider>
        <FlowIssueSummary def={def} issues={issues} />
        <FlowWorkspace def={def} issues={issues} history={history} />
      </ReactFlowProvider>
    </DraftFrame>
  );
}
