import type { Locale } from '@telesales/schemas';

type Message = { zh: () => string; en: () => string };

/** The monitoring API's sentences in both UI languages. */
const MESSAGES = {
  forbidden_wallboard: { zh: () => '只有主管和管理员可以查看实时监控', en: () => 'Only supervisors and admins may see live monitoring' },
} satisfies Record<string, Message>;

export type MonitoringMessage = keyof typeof MESSAGES;

export function text(code: MonitoringMessage, locale: Locale): string {
  return MESSAGES[code][locale]();
}
