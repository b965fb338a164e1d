import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** What the outbound tasks API says, in both UI languages. No message carries a number. */
const MESSAGES = {
  task_not_found: { zh: (p) => `没有已发布的外呼任务“${p.task}”`, en: (p) => `There is no published outbound task "${p.task}"` },
  forbidden_manage: { zh: () => '只有主管和管理员可以管理外呼任务', en: () => 'Only supervisors and admins may manage outbound tasks' },
  not_task_agent: { zh: () => '您不是此任务的坐席', en: () => 'You are not one of this task\'s agents' },
  task_closed: { zh: () => '任务已关闭，不能再更改', en: () => 'The task is closed and cannot change any more' },
  not_running: { zh: () => '任务未在进行中', en: () => 'The task is not running' },
  not_preview: { zh: () => '此任务不是预览模式', en: () => 'This task is not in preview mode' },
  not_held: { zh: () => '此号码没有为您保留（已过期或被他人取走），请取下一个号码', en: () => 'This number is not held for you (it expired or someone else took it): get the next one' },
  number_not_found: { zh: () => '没有为您保留的这个号码', en: () => 'You hold no such number' },
  call_not_found: { zh: () => '没有您的这通任务通话', en: () => 'You have no such task call' },
} satisfies Record<string, Message>;

export type OutboundMessageCode = keyof typeof MESSAGES;

export function text(code: OutboundMessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
