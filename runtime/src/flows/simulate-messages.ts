import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** The simulator API's sentences in both UI languages. */
const MESSAGES = {
  forbidden_simulate: { zh: () => '只有定义管理员可以模拟流程', en: () => 'Only people who manage definitions may simulate flows' },
  flow_not_found: { zh: (p) => `没有流程 “${p.flow}”`, en: (p) => `There is no flow "${p.flow}"` },
  invalid_flow: { zh: (p) => `流程无效：${p.path} ${p.message}`, en: (p) => `The flow is not valid: ${p.path} ${p.message}` },
  flow_required: { zh: () => '请给出流程（草稿）或流程的键', en: () => 'Give a flow (a draft) or the key of a published flow' },
  start_first: { zh: () => '没有通话状态时，第一个事件必须是 start', en: () => 'Without a call state the first event must be start' },
  state_of_other_flow: { zh: () => '通话状态属于另一个流程', en: () => 'The call state belongs to another flow' },
} satisfies Record<string, Message>;

export function text(code: keyof typeof MESSAGES, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
