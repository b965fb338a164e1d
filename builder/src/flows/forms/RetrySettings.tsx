import { useTranslation } from 'react-i18next';
import type { FlowDefinition, Prompt } from '@telesales/schemas';
import type { Issue } from '../../api/issues';
import { OptionalPrompt } from './OptionalPrompt';
import { NumberRow } from './rows';

interface Config {
  timeoutSec?: number;
  retries?: number;
  retryPrompt?: Prompt;
}

interface Props<C extends Config> {
  config: C;
  languages: FlowDefinition['languages'];
  issues: readonly Issue[];
  base: string;
  set(config: C): void;
}

/** How long a menu or gather waits for keys, how often it asks again, and what it says when it does. */
export function RetrySettings<C extends Config>({ config: c, languages, issues, base, set }: Props<C>) {
  const { t } = useTranslation();
  const put = <K extends keyof Config>(key: K, value: Config[K]) => {
    const next = { ...c } as Record<string, unknown>;
    if (value === undefined) delete next[key];
    else next[key] = value;
    set(next as unknown as C);
  };
  return (
    <>
      <div className="grid-2">
        <NumberRow label={t('flows.form.timeoutSec')} min={1} max={60} value={c.timeoutSec} onChange={(v) => put('timeoutSec', v)} issues={issues} pointer={`${base}/timeoutSec`} testId="timeoutSec" hint={t('flows.form.defaultIs', { value: 5 })} />
        <NumberRow label={t('flows.form.retries')} min={0} max={5} value={c.retries} onChange={(v) => put('retries', v)} issues={issues} pointer={`${base}/retries`} testId="retries" hint={t('flows.form.defaultIs', { value: 2 })} />
      </div>
      <OptionalPrompt label={t('flows.form.retryPrompt')} value={c.retryPrompt} languages={languages} issues={issues} pointer={`${base}/retryPrompt`} testId="retryPrompt" onChange={(p) => put('retryPrompt', p)} />
    </>
  );
}
