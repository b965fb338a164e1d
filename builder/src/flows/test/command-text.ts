import type { TFunction } from 'i18next';
import type { SimCommand } from '../../api/flows';

/** What the flow asks the phone system to do, as a sentence in the UI language (not the command's JSON). */
export function commandText(c: SimCommand, t: TFunction, groupName: (key: string) => string): string {
  const sec = (ms: unknown) => Math.round(Number(ms ?? 0) / 1000);
  const c2 = c as Record<string, any>;
  switch (c.type) {
    case 'gather': {
      const digits = c.minDigits === c.maxDigits
        ? t('flows.test.command.gatherExactly', { n: c.minDigits })
        : t('flows.test.command.gatherRange', { min: c.minDigits, max: c.maxDigits });
      const finish = c.finishOnKey ? t('flows.test.command.finishOn', { key: c.finishOnKey }) : '';
      return t('flows.test.command.gather', { digits, sec: sec(c.timeoutMs), finish });
    }
    case 'record':
      return t('flows.test.command.record', { sec: c2.maxSec });
    case 'lookup':
      return t('flows.test.command.lookup', { number: c2.number });
    case 'fetch':
      return t('flows.test.command.fetch', { method: c2.method, url: c2.url });
    case 'enqueue':
      return t('flows.test.command.enqueue', { group: groupName(String(c2.skillGroup)), sec: c2.maxWaitSec });
    case 'transfer':
      return t(`flows.test.command.transfer_${c2.target?.type}`, { ref: c2.target?.type === 'group' ? groupName(String(c2.target.ref)) : c2.target?.ref });
    case 'hangup':
      return t('flows.test.command.hangup');
    case 'setLanguage':
      return t('flows.test.command.setLanguage', { language: t(`lang.${c.language}`) });
    case 'storeSurvey':
      return t('flows.test.command.storeSurvey', { score: c2.score, variable: c2.variable });
    default: {
      // a command this builder does not know yet: its raw form beats saying nothing
      const { type, ...rest } = c;
      return `${type} ${Object.keys(rest).length ? JSON.stringify(rest) : ''}`.trim();
    }
  }
}
