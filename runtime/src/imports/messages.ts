import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** What the import API says, in both UI languages. No message carries a stored value. */
const MESSAGES = {
  no_file: { zh: () => '请上传一个 CSV 或 XLSX 文件', en: () => 'Upload a CSV or XLSX file' },
  bad_file: { zh: () => '无法读取文件：请上传 CSV 或 XLSX 文件', en: () => 'The file cannot be read: upload a CSV or XLSX file' },
  not_text_file: { zh: () => '此文件不是文本或表格文件：请上传 CSV 或 XLSX 文件', en: () => 'This file is not a text or spreadsheet file: upload a CSV or XLSX file' },
  unknown_encoding: { zh: () => '不认识此文本编码', en: () => 'Unknown text encoding' },
  empty_file: { zh: () => '文件中没有数据行', en: () => 'The file has no data rows' },
  file_not_found: { zh: () => '上传的文件不存在或已过期，请重新上传', en: () => 'The uploaded file does not exist; upload it again' },
  mapping_not_found: { zh: () => '此来源还没有保存的映射', en: () => 'No mapping is saved for this source' },
  batch_not_found: { zh: () => '导入批次不存在', en: () => 'The import batch does not exist' },
  forbidden_resume: { zh: () => '只有导入人可以继续此批次', en: () => 'Only the person who started the import may resume it' },
  not_interrupted: { zh: () => '此批次没有中断', en: () => 'The batch is not interrupted' },
  invalid_mapping: { zh: () => '列映射无效', en: () => 'The column mapping is invalid' },
  unknown_column: { zh: () => '文件中没有此列', en: () => 'is not a column of the file' },
  unmappable_field: { zh: () => '不是您可以导入的字段', en: () => 'is not a field you may import' },
  mapped_twice: { zh: () => '已映射到另一列', en: () => 'is mapped from another column too' },
  empty_mapping: { zh: () => '请至少映射一列', en: () => 'Map at least one column' },
  forbidden_import: { zh: () => '您的角色不能导入此类记录', en: () => 'Your role may not import these records' },
  forbidden_pool: {
    zh: (p) => `只有公海“${p.pool}”的管理员可以导入到该公海`,
    en: (p) => `Only admins of the pool "${p.pool}" may import into it`,
  },
  unknown_pool: { zh: () => '没有此公海', en: () => 'There is no such pool' },
  no_default_pool: { zh: () => '此实体没有默认公海', en: () => 'This entity has no default pool' },
  not_owned_entity: { zh: () => '此类记录没有归属，不能导入到公海或坐席', en: () => 'These records have no owner: they cannot go to a pool or agents' },
  invalid_agents: { zh: () => '所选坐席不存在或不在您的数据范围内', en: () => 'An agent chosen is not a user within your data scope' },
  // Report reasons (stored in both languages, so the report reads in the reader's language).
  invalid_value: { zh: (p) => `无效的值：${p.detail}`, en: (p) => `Invalid value: ${p.detail}` },
  dup_in_file: { zh: (p) => `与第 ${p.row} 行的${p.fields}重复`, en: (p) => `Same ${p.fields} as row ${p.row}` },
  dup_own: { zh: (p) => `您名下已有相同${p.fields}的记录`, en: (p) => `One of your own records already has this ${p.fields}` },
  dup_other_agent: { zh: (p) => `相同${p.fields}的记录已归属其他坐席`, en: (p) => `A record with this ${p.fields} is already owned by another agent` },
  dup_named_owner: { zh: (p) => `相同${p.fields}的记录已归属 ${p.owner}`, en: (p) => `A record with this ${p.fields} is already owned by ${p.owner}` },
  dup_in_pool: { zh: (p) => `相同${p.fields}的记录在公海“${p.pool}”中`, en: (p) => `A record with this ${p.fields} is in the pool "${p.pool}"` },
  dup_any: { zh: (p) => `已有相同${p.fields}的记录`, en: (p) => `Another record already has this ${p.fields}` },
  dup_not_updatable: {
    zh: (p) => `已有相同${p.fields}的记录，您不能修改它`,
    en: (p) => `Another record already has this ${p.fields} and you may not update it`,
  },
  all_at_cap: { zh: () => '所选坐席均已达到客户上限', en: () => 'Every chosen agent is at their cap' },
  at_cap_to_pool: {
    zh: (p) => `所选坐席均已达到客户上限，已放入公海“${p.pool}”`,
    en: (p) => `Every chosen agent is at their cap: put in the pool "${p.pool}"`,
  },
  pool_condition_failed: {
    zh: (p) => `公海条件无法计算（${p.conditions}），已放入公海“${p.into}”`,
    en: (p) => `A pool condition could not be evaluated (${p.conditions}): put in the pool "${p.into}"`,
  },
  updated_same_as_row: { zh: (p) => `已更新（与第 ${p.row} 行相同）`, en: (p) => `Updated (same as row ${p.row})` },
  // Report headers.
  col_row: { zh: () => '行号', en: () => 'Row' },
  col_column: { zh: () => '列', en: () => 'Column' },
  col_field: { zh: () => '字段', en: () => 'Field' },
  col_reason: { zh: () => '原因', en: () => 'Reason' },
} satisfies Record<string, Message>;

export type ImportMessageCode = keyof typeof MESSAGES;

export function text(code: ImportMessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}

/** Both languages at once: report reasons are stored before anyone knows who will read them. */
export function bilingual(code: ImportMessageCode, params: { zh?: Params; en?: Params } = {}): { zh: string; en: string } {
  return { zh: MESSAGES[code].zh(params.zh ?? {}), en: MESSAGES[code].en(params.en ?? {}) };
}
