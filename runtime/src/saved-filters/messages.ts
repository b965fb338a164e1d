import type { Locale } from '@telesales/schemas';

type Message = { zh: () => string; en: () => string };

/** The saved filters API's sentences in both UI languages. */
const MESSAGES = {
  name_taken: { zh: () => '已有同名的快捷筛选', en: () => 'You already have a saved filter with this name' },
  saved_filter_not_found: { zh: () => '快捷筛选不存在', en: () => 'The saved filter does not exist' },
} satisfies Record<string, Message>;

export type MessageCode = keyof typeof MESSAGES;

export function text(code: MessageCode, locale: Locale): string {
  return MESSAGES[code][locale]();
}
