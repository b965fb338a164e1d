import type { Locale } from '@telesales/schemas';

type Message = { zh: () => string; en: () => string };

/** The SIP API's sentences in both UI languages. */
const MESSAGES = {
  unauthenticated: { zh: () => '请先登录', en: () => 'Please sign in' },
  user_disabled: { zh: () => '此账号已停用，不能注册话机', en: () => 'This account is disabled and cannot register a phone' },
} satisfies Record<string, Message>;

export type SipMessage = keyof typeof MESSAGES;

export function text(code: SipMessage, locale: Locale): string {
  return MESSAGES[code][locale]();
}
