import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/**
 * The sentences the records API answers with, in both UI languages. None of them takes a record value as a
 * parameter: an error message must never echo what a masked field holds.
 */
const MESSAGES = {
  entity_not_found: { zh: (p) => `没有实体 “${p.entity}”`, en: (p) => `There is no entity "${p.entity}"` },
  record_not_found: { zh: () => '记录不存在', en: () => 'The record does not exist' },
  forbidden: {
    zh: (p) => `您的角色没有${ACTION_ZH[p.action as string] ?? p.action}此类记录的权限`,
    en: (p) => `Your role may not ${p.action} these records`,
  },
  forbidden_deleted: { zh: () => '您的角色不能查看或恢复已删除的记录', en: () => 'Your role may not see or restore deleted records' },
  forbidden_owner: { zh: () => '您的角色不能把记录分配给其他人', en: () => 'Your role may not give records to someone else' },
  invalid_owner: { zh: () => '负责人不存在或不在您的数据范围内', en: () => 'The owner is not a user within your data scope' },
  invalid_record: { zh: () => '记录中有无效的值', en: () => 'The record has invalid values' },
  invalid_filter: { zh: () => '筛选条件无效', en: () => 'The filter is invalid' },
  invalid_search: { zh: () => '搜索内容无效', en: () => 'The search text is invalid' },
  filter_not_json: { zh: () => '筛选条件不是有效的 JSON', en: () => 'is not valid JSON' },
  invalid_sort: { zh: () => '不能按此字段排序', en: () => 'The records cannot be sorted by this field' },
  not_sortable: { zh: () => '不是可排序的字段', en: () => 'is not a field you can sort by' },
  read_only: { zh: () => '只读，不能修改', en: () => 'is read-only' },
  required: { zh: () => '必填', en: () => 'is required' },
  masked_field: {
    zh: () => '号码已加密：只能按“为空/不为空”筛选',
    en: () => 'is masked for you: only isEmpty and isNotEmpty can be used',
  },
  masked_import_limit: {
    zh: (p) => `今天导入的带加密号码的行数将超过 ${p.limit} 行，请由可查看完整号码的人导入更大的名单；管理员已收到提醒`,
    en: (p) => `Today's imports would check more than ${p.limit} rows of masked numbers; larger lists are imported by someone who may see the numbers (the admins have been told)`,
  },
  masked_check_limit: {
    zh: (p) => `一小时内按加密号码查找或录入已达 ${p.limit} 次，请稍后再试；管理员已收到提醒`,
    en: (p) => `You have searched or entered masked numbers ${p.limit} times this hour; try again later (the admins have been told)`,
  },
  forbidden_alerts: { zh: () => '只有管理用户的人可以查看安全提醒', en: () => 'Only people who manage users may read security alerts' },
  version_conflict: {
    zh: (p) => `记录已被他人修改（当前版本 ${p.current}），请刷新后重试`,
    en: (p) => `The record was changed by someone else (now version ${p.current}); reload it and try again`,
  },
  duplicate: { zh: () => '已有相同的记录', en: () => 'A record with the same values already exists' },
  duplicate_own: { zh: (p) => `您名下已有相同${p.fields}的记录`, en: (p) => `One of your own records already has this ${p.fields}` },
  duplicate_other: { zh: (p) => `相同${p.fields}的记录已归属其他坐席`, en: (p) => `A record with this ${p.fields} is already owned by another agent` },
  duplicate_pool: { zh: (p) => `相同${p.fields}的客户已在公海中，请到公海领取`, en: (p) => `A customer with this ${p.fields} is waiting in a public pool; claim it there` },
  duplicate_any: { zh: (p) => `已有相同${p.fields}的记录`, en: (p) => `Another record already has this ${p.fields}` },
  not_deleted: { zh: () => '记录没有被删除', en: () => 'The record is not deleted' },
} satisfies Record<string, Message>;

const ACTION_ZH: Record<string, string> = { read: '查看', create: '新建', update: '修改', delete: '删除' };

export type MessageCode = keyof typeof MESSAGES;

export function text(code: MessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
