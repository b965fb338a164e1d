import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** What the dashboards API and their publish checks say, in both UI languages. */
const MESSAGES = {
  dashboard_not_found: { zh: (p) => `没有您可以查看的仪表盘 “${p.key}”`, en: (p) => `There is no dashboard "${p.key}" for you` },
  dashboard_unknown_report: { zh: (p) => `报表 “${p.report}” 不存在或未发布`, en: (p) => `Report "${p.report}" does not exist or is not published` },
  dashboard_unknown_role: { zh: (p) => `角色 “${p.role}” 不存在或未发布`, en: (p) => `Role "${p.role}" does not exist or is not published` },
  dashboard_unknown_team: { zh: (p) => `团队 “${p.team}” 不存在`, en: (p) => `Team "${p.team}" does not exist` },
  dashboard_unknown_task: { zh: (p) => `外呼任务 “${p.task}” 不存在或未发布`, en: (p) => `Outbound task "${p.task}" does not exist or is not published` },
  report_gone: { zh: (p) => `报表 “${p.report}” 已不再发布`, en: (p) => `Report "${p.report}" is no longer published` },
} satisfies Record<string, Message>;

export type DashboardMessageCode = keyof typeof MESSAGES;

export function text(code: DashboardMessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
