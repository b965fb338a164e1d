import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** Sign-in's sentences in both UI languages (before sign-in the language comes from Accept-Language, else English). */
const MESSAGES = {
  unauthenticated: { zh: () => '请先登录', en: () => 'Please sign in' },
  invalid_credentials: { zh: () => '登录名或密码错误', en: () => 'Wrong login or password' },
  account_locked: {
    zh: () => '此账号登录失败次数过多，请 15 分钟后再试',
    en: () => 'Too many failed sign-ins for this account; try again in 15 minutes',
  },
  too_many_attempts: { zh: (p) => `尝试次数过多，请 ${p.seconds} 秒后再试`, en: (p) => `Too many attempts, try again in ${p.seconds} seconds` },
  csrf: {
    zh: () => '缺少 x-csrf-token 请求头或其值不对，请刷新页面后再试',
    en: () => 'Missing or wrong x-csrf-token header; reload the page and try again',
  },
} satisfies Record<string, Message>;

export type AuthMessage = keyof typeof MESSAGES;

export function text(code: AuthMessage, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
