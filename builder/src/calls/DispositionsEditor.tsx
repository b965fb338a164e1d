import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { CallListEditor } from './CallListEditor';
import { freeKey } from './call-list-ops';
import { OutcomeRow } from './OutcomeRow';

/** Call outcomes agents pick after a call: a sortable list, validated live, autosaved as a draft, published with a message. */
export function DispositionsEditor({ defKey }: { defKey: string }) {
  const draft = useDefinitionDraft('dispositions', defKey);
  return (
    <CallListEditor
      kind="dispositions"
      draft={draft}
      section="dispositions"
      list="outcomes"
      item="outcome"
      items={(d) => d.outcomes}
      withItems={(d, outcomes) => ({ ...d, outcomes: outcomes as typeof d.outcomes })}
      newItem={(outcomes) => ({ key: freeKey(outcomes, 'outcome'), label: { zh: '', en: '' } })}
      renderRow={(outcome, row) => <OutcomeRow {...row} outcome={outcome} />}
    />
  );
}
