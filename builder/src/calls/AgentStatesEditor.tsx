import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { CallListEditor } from './CallListEditor';
import { freeKey } from './call-list-ops';
import { StateRow } from './StateRow';

/** The states of an agent's phone (ready, busy, after-call work, breaks): a sortable list, validated live, autosaved, published. */
export function AgentStatesEditor({ defKey }: { defKey: string }) {
  const draft = useDefinitionDraft('agent-states', defKey);
  return (
    <CallListEditor
      kind="agent-states"
      draft={draft}
      section="agentStates"
      list="states"
      item="state"
      issuesTestId="states-issues"
      items={(d) => d.states}
      withItems={(d, states) => ({ ...d, states: states as typeof d.states })}
      // A new state is a break: the kinds the phone needs once (ready, busy, after-call work) usually exist already.
      newItem={(states) => ({ key: freeKey(states, 'break'), label: { zh: '', en: '' }, kind: 'break' as const })}
      renderRow={(state, row) => <StateRow {...row} state={state} />}
    />
  );
}
