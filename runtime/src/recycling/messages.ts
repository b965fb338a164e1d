import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** The recycling API's sentences in both UI languages. */
const MESSAGES = {
  forbidden: { zh: () => '只有可以设计定义的人才能预览回收规则', en: () => 'Only people who manage definitions may preview recycle rules' },
  invalid_pool: { zh: (p) => `公海定义无效：${p.detail}`, en: (p) => `The pool definition is not valid: ${p.detail}` },
  not_a_pool: { zh: () => '不是公海定义', en: () => 'is not a pool definition' },
  unknown_entity: { zh: (p) => `没有已发布的可归属实体 “${p.entity}”`, en: (p) => `There is no published owned entity "${p.entity}"` },
} satisfies Record<string, Message>;

export type MessageCode = keyof typeof MESSAGES;

export function text(code: MessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
