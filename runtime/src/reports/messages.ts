import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** What the reports API says, in both UI languages. */
const MESSAGES = {
  report_not_found: { zh: (p) => `没有已发布的报表 “${p.key}”`, en: (p) => `There is no published report "${p.key}"` },
  invalid_report: { zh: () => '报表定义有误，请按提示修改', en: () => 'The report definition has problems: see each one' },
  invalid_params: { zh: () => '报表参数有误', en: () => 'The report parameters have problems' },
  hidden_field: { zh: (p) => `您看不到字段 “${p.field}”，不能按它统计`, en: (p) => `You cannot see field "${p.field}", so the report cannot use it for you` },
  unknown_cell: { zh: (p) => `报表没有维度 “${p.id}”`, en: (p) => `The report has no dimension "${p.id}"` },
  custom_needs_dates: { zh: () => '自定义时间范围需要起止日期', en: () => 'A custom range needs its from and to dates' },
  end_before_start: { zh: () => '结束日期早于开始日期', en: () => 'The end date is before the start date' },
  forbidden_preview: { zh: () => '只有可以管理定义的人才能预览报表草稿', en: () => 'Only people who manage definitions may preview a report draft' },
  forbidden_export: { zh: () => '您的角色不能导出这个对象的数据', en: () => 'Your role may not export this object\'s data' },
  scope_all_only: {
    zh: () => '拨号记录不属于某个坐席，只有能查看全部数据的人才能统计',
    en: () => 'Dials belong to no agent, so only people who see all data may count them',
  },
  unknown_entity: { zh: (p) => `实体 “${p.entity}” 不存在或未发布`, en: (p) => `Entity "${p.entity}" does not exist or is not published` },
  partial: {
    zh: (p) => `报表在 ${p.seconds} 秒内未能算完，请缩小时间范围或增加筛选条件`,
    en: (p) => `The report could not be computed within ${p.seconds} s: narrow the date range or add filters`,
  },
} satisfies Record<string, Message>;

export type ReportMessageCode = keyof typeof MESSAGES;

export function text(code: ReportMessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
