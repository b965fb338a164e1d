import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** What the number lists and do-not-call API say, in both UI languages. No message carries a number. */
const MESSAGES = {
  task_not_found: { zh: (p) => `没有已发布的外呼任务“${p.task}”`, en: (p) => `There is no published outbound task "${p.task}"` },
  no_phone_field: {
    zh: (p) => `外呼任务的实体“${p.entity}”没有电话字段`,
    en: (p) => `The outbound task's entity "${p.entity}" has no phone field`,
  },
  forbidden_lists: { zh: () => '只有管理定义的人可以导入名单和管理免打扰号码', en: () => 'Only people who manage definitions may import lists and manage do-not-call numbers' },
  invalid_mapping: { zh: () => '列映射无效', en: () => 'The column mapping is invalid' },
  unknown_list_column: { zh: () => '不是此名单的列', en: () => 'is not a column of this list' },
  phone_unmapped: { zh: (p) => `请把一列映射到号码列“${p.column}”`, en: (p) => `Map a column to the number column "${p.column}"` },
  number_not_found: { zh: () => '号码不存在', en: () => 'The number does not exist' },
  not_your_number: { zh: () => '只有正在（或刚刚）通话的坐席可以操作此号码', en: () => 'Only the agent on (or just off) this number\'s call may do this' },
  already_converted: { zh: () => '此号码已转为客户', en: () => 'This number is already linked to a record' },
  bad_number: { zh: () => '号码无效', en: () => 'Invalid number' },
  dnc_not_found: { zh: () => '此号码不在免打扰名单中', en: () => 'This number is not on the do-not-call list' },
  // Row report reasons (stored in both languages).
  number_missing: { zh: () => '号码无效：号码为空', en: () => 'Invalid number: the number is blank' },
  duplicate_in_file: { zh: (p) => `重复：与第 ${p.row} 行号码相同`, en: (p) => `Duplicate: same number as row ${p.row}` },
  duplicate_in_task: { zh: () => '重复：任务中已有此号码', en: () => 'Duplicate: the task already has this number' },
  on_dnc: { zh: () => '免打扰：此号码在免打扰名单中', en: () => 'Do not call: the number is on the do-not-call list' },
  already_dnc: { zh: () => '重复：此号码已在免打扰名单中', en: () => 'Duplicate: the number is already on the do-not-call list' },
} satisfies Record<string, Message>;

export type ListMessageCode = keyof typeof MESSAGES;

export function text(code: ListMessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}

export function bilingual(code: ListMessageCode, params: Params = {}): { zh: string; en: string } {
  return { zh: MESSAGES[code].zh(params), en: MESSAGES[code].en(params) };
}
