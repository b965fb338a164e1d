import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** The sentences of errors no capability owns (unknown routes and files, malformed requests, failures). */
const MESSAGES = {
  no_route: { zh: (p) => `没有接口 ${p.method} ${p.url}`, en: (p) => `No route ${p.method} ${p.url}` },
  no_file: { zh: (p) => `没有文件 ${p.path}`, en: (p) => `No file ${p.path}` },
  invalid_request: { zh: () => '请求无效', en: () => 'Invalid request' },
  is_invalid: { zh: () => '无效', en: () => 'is invalid' },
  rate_limited: { zh: () => '请求过于频繁，请稍后再试', en: () => 'Too many requests, try again later' },
  internal: { zh: () => '服务器出错了', en: () => 'Something went wrong on the server' },
} satisfies Record<string, Message>;

export type HttpMessage = keyof typeof MESSAGES;

export function text(code: HttpMessage, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
