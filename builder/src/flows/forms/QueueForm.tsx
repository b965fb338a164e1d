import { useTranslation } from 'react-i18next';
import { issuesUnder } from '../../api/issues';
import { FormRow } from '../../ui/FormRow';
import { AudioPicker } from './AudioPicker';
import { withKey, type FormProps } from './form-props';
import { OptionalPrompt } from './OptionalPrompt';
import { NumberRow } from './rows';
import { SkillGroupSelect } from './SkillGroupSelect';

/** Waits for a free agent of a skill group; after the longest wait the call leaves through overflow. */
export function QueueForm({ node, def, issues, base, set }: FormProps<'queue'>) {
  const { t } = useTranslation();
  const c = node.config;
  return (
    <>
      <SkillGroupSelect value={c.skillGroup} onChange={(skillGroup) => set({ ...c, skillGroup })} issues={issues} pointer={`${base}/skillGroup`} testId="queue-skillGroup" />
      <div className="grid-2">
        <NumberRow label={t('flows.form.maxWaitSec')} min={5} max={3600} value={c.maxWaitSec} onChange={(v) => set({ ...c, maxWaitSec: v ?? 120 })} issues={issues} pointer={`${base}/maxWaitSec`} testId="queue-maxWaitSec" />
        <NumberRow label={t('flows.form.announcePositionSec')} min={10} max={600} value={c.announcePositionSec} onChange={(v) => set(withKey(c, 'announcePositionSec', v))} issues={issues} pointer={`${base}/announcePositionSec`} testId="queue-announce" />
      </div>
      <FormRow label={t('flows.form.holdMusic')} issues={issuesUnder(issues, `${base}/holdMusic`)} hint={t('flows.form.holdMusicHint')}>
        {(id, invalid) => (
          <AudioPicker id={id} value={c.holdMusic} ariaLabel={t('flows.form.holdMusic')} invalid={invalid} onChange={(v) => set(withKey(c, 'holdMusic', v))} testId="queue-holdMusic" />
        )}
      </FormRow>
      <OptionalPrompt label={t('flows.form.queuePrompt')} value={c.prompt} languages={def.languages} issues={issues} pointer={`${base}/prompt`} testId="prompt" onChange={(p) => set(withKey(c, 'prompt', p))} />
    </>
  );
}
