import type { ErrorObject } from './ajv.js';
import type { Locale, LocalText, ValidationIssue } from './types.js';

type Params = Record<string, unknown>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** Every sentence a validation issue can carry, in both languages, keyed by the issue's code. */
const MESSAGES: Record<string, Message> = {
  required: { zh: () => '必填', en: () => 'is required' },
  type: { zh: (p) => `应为${typeWords(p.type, 'zh')}`, en: (p) => `must be ${typeWords(p.type, 'en')}` },
  minLength: { zh: (p) => `至少 ${p.limit} 个字符`, en: (p) => `must have at least ${p.limit} characters` },
  maxLength: { zh: (p) => `最多 ${p.limit} 个字符`, en: (p) => `must have at most ${p.limit} characters` },
  minimum: { zh: (p) => `不能小于 ${p.limit}`, en: (p) => `must be at least ${p.limit}` },
  maximum: { zh: (p) => `不能大于 ${p.limit}`, en: (p) => `must be at most ${p.limit}` },
  formatMinimum: { zh: (p) => `不能早于 ${p.limit}`, en: (p) => `must not be before ${p.limit}` },
  formatMaximum: { zh: (p) => `不能晚于 ${p.limit}`, en: (p) => `must not be after ${p.limit}` },
  pattern: { zh: () => '格式不正确', en: () => 'has the wrong format' },
  format: { zh: (p) => `不是有效的${FORMAT_ZH[String(p.format)] ?? p.format}`, en: (p) => `is not a valid ${FORMAT_EN[String(p.format)] ?? p.format}` },
  enum: { zh: () => '不是可选的值', en: () => 'is not one of the allowed values' },
  const: { zh: (p) => `应为 ${JSON.stringify(p.allowedValue)}`, en: (p) => `must be ${JSON.stringify(p.allowedValue)}` },
  uniqueItems: { zh: () => '有重复项', en: () => 'must not contain duplicates' },
  maxItems: { zh: (p) => `最多 ${p.limit} 项`, en: (p) => `must have at most ${p.limit} items` },
  minItems: { zh: (p) => `至少 ${p.limit} 项`, en: (p) => `must have at least ${p.limit} items` },
  additionalProperties: { zh: (p) => `不认识的属性 “${p.additionalProperty}”`, en: (p) => `has an unknown property "${p.additionalProperty}"` },
  unknown_field: { zh: () => '没有这个字段', en: () => 'is not a field of this entity' },
  retired_field: { zh: () => '字段已停用，不能再写入', en: () => 'is retired and can no longer be written' },
  retired_option: { zh: () => '选项已停用', en: () => 'is a retired option' },
  invalid_phone: { zh: () => '不是有效的电话号码', en: () => 'is not a valid phone number' },
  undialable_phone: {
    zh: (p) => `号码无效：${p.country ? `不是 ${p.country} 的` : '不是'}可拨打号码（国外号码请加 + 和国家代码）`,
    en: (p) => `Invalid number: not a number that can be dialled${p.country ? ` in ${p.country}` : ''} (a foreign number starts with + and its country code)`,
  },
  duplicate_key: { zh: (p) => `键 “${p.key}” 重复`, en: (p) => `key "${p.key}" is used twice` },
  duplicate_id: { zh: (p) => `标识 ${p.id} 重复`, en: (p) => `id ${p.id} is used twice` },
  options_required: { zh: () => '单选或多选字段至少需要一个选项', en: () => 'a select field needs at least one option' },
  bad_default: { zh: (p) => `默认值无效：${p.reason}`, en: (p) => `default value is invalid: ${p.reason}` },
  bad_pattern: { zh: (p) => `正则表达式无效：${p.reason}`, en: (p) => `is not a valid regular expression: ${p.reason}` },
  min_above_max: { zh: () => '最小值大于最大值', en: () => 'min is greater than max' },
  unknown_section: { zh: (p) => `没有分组 “${p.section}”`, en: (p) => `section "${p.section}" does not exist` },
  unknown_title_field: { zh: (p) => `标题字段 “${p.key}” 不存在`, en: (p) => `title field "${p.key}" is not a field` },
  unknown_key_field: { zh: (p) => `查重键中的字段 “${p.key}” 不存在`, en: (p) => `duplicate key names unknown field "${p.key}"` },
  not_applicable: { zh: (p) => `“${p.property}” 不适用于 ${p.type} 字段`, en: (p) => `"${p.property}" does not apply to a ${p.type} field` },
  missing_reference: { zh: () => '引用字段需要指定实体', en: () => 'a reference field needs the entity it points to' },
  unknown_kind: { zh: (p) => `未知的定义类型 “${p.kind}”`, en: (p) => `unknown definition kind "${p.kind}"` },
  unknown_operator: { zh: (p) => `字段类型 ${p.type} 不支持运算符 ${p.op}`, en: (p) => `operator ${p.op} does not apply to a ${p.type} field` },
  bad_value: { zh: (p) => `值应为${EXPECTED_ZH[String(p.expected)] ?? p.expected}`, en: (p) => `value must be ${p.expected}` },
  too_deep: { zh: (p) => `嵌套不能超过 ${p.limit} 层`, en: (p) => `must not nest deeper than ${p.limit} levels` },
  too_many_conditions: { zh: (p) => `条件不能超过 ${p.limit} 个`, en: (p) => `must not have more than ${p.limit} conditions` },
  bad_expression: { zh: (p) => `表达式有误（第 ${p.position} 个字符）：${p.reason}`, en: (p) => `is not a valid JSONata expression (at character ${p.position}): ${p.reason}` },
  deal_required: { zh: () => '“无成交回收”规则需要指定表示成交的字段和取值', en: () => 'a "no deal" rule needs the field and values that mean a deal' },
  one_ready_state: { zh: (p) => `必须恰好有一个“就绪”状态（现有 ${p.count} 个）`, en: (p) => `there must be exactly one ready state (there are ${p.count})` },
  sets_field_needs_plan: { zh: (p) => `只有要求填写下次联系时间的结果才能写入字段 “${p.field}”`, en: (p) => `only an outcome that asks for the next contact's time can set field "${p.field}"` },
  state_kind_missing: { zh: (p) => `缺少类型为 ${p.kind} 的状态`, en: (p) => `needs a state of kind ${p.kind}` },
  duplicate_node: { zh: (p) => `节点名 “${p.node}” 重复`, en: (p) => `node name "${p.node}" is used twice` },
  unknown_node: { zh: (p) => `没有节点 “${p.node}”`, en: (p) => `there is no node "${p.node}"` },
  start_not_entry: { zh: (p) => `起始节点 “${p.node}” 不是入口节点`, en: (p) => `the start node "${p.node}" is not an entry node` },
  unknown_port: { zh: (p) => `${p.type} 节点没有端口 “${p.port}”`, en: (p) => `a ${p.type} node has no port "${p.port}"` },
  duplicate_port: { zh: (p) => `端口 “${p.port}” 连接了两次`, en: (p) => `port "${p.port}" is connected twice` },
  port_unconnected: { zh: (p) => `节点 “${p.node}” 的端口 “${p.port}” 未连接`, en: (p) => `port "${p.port}" of node "${p.node}" is not connected` },
  unreachable_node: { zh: (p) => `节点 “${p.node}” 从入口无法到达`, en: (p) => `node "${p.node}" cannot be reached from the start` },
  loop_without_wait: {
    zh: (p) => `循环 ${p.nodes} 中没有等待来电者的节点（菜单、收号、排队等），来电可能无限循环`,
    en: (p) => `the loop ${p.nodes} has no node that waits for the caller (menu, gather, queue...), so a call could loop forever`,
  },
  prompt_missing_language: { zh: (p) => `缺少${p.language}提示（文本或录音）`, en: (p) => `has no ${p.language} prompt (text or audio)` },
  language_not_offered: { zh: (p) => `流程没有提供${p.language}`, en: (p) => `${p.language} is not a language the flow offers` },
  reserved_port: { zh: (p) => `“${p.port}” 是保留的端口名（没有条件成立时）`, en: (p) => `"${p.port}" is reserved for when no case is true` },
  bad_time_zone: { zh: (p) => `“${p.zone}” 不是有效的时区`, en: (p) => `"${p.zone}" is not a time zone` },
  bad_time_range: { zh: () => '结束时间应晚于开始时间', en: () => 'must be later than the start time' },
  end_before_start: { zh: () => '结束日期早于开始日期', en: () => 'the end date is before the start date' },
  duplicate_rule: { zh: (p) => `“${p.key}” 已有一条规则`, en: (p) => `"${p.key}" already has a rule` },
  rule_needs_one_when: {
    zh: () => '规则须指定一个线路结果或一个坐席选择的通话结果（二者选一）',
    en: () => 'a rule names either a line outcome or an outcome agents pick (exactly one of the two)',
  },
  retry_needs_delay: { zh: () => '“重拨”规则需要填写间隔分钟数', en: () => 'a retry rule needs the minutes to wait before the next dial' },
  rule_without_dispositions: {
    zh: (p) => `规则引用了通话结果 “${p.key}”，但任务没有选择通话结果定义`,
    en: (p) => `the rule names the outcome "${p.key}" but the task chooses no call outcomes definition`,
  },
  disposition_not_offered: { zh: (p) => `通话结果 “${p.key}” 不在本任务提供的结果中`, en: (p) => `the outcome "${p.key}" is not one the task offers` },
  callback_needs_agent: { zh: () => '只有坐席选择的结果才能预约回拨（线路结果没有坐席）', en: () => 'only an outcome an agent picks can lead to a callback (a line outcome has no agent)' },
  windows_overlap: { zh: (p) => `与时段 ${p.other} 重叠`, en: (p) => `overlaps the window ${p.other}` },
  ratio_above_lines: {
    zh: (p) => `每个空闲坐席 ${p.ratio} 路超过了每坐席最大线路数 ${p.lines}`,
    en: (p) => `${p.ratio} lines per free agent is more than the ${p.lines} lines an agent may have`,
  },
  concurrency_below_ratio: {
    zh: (p) => `最大并发数小于逐个外呼一个坐席所需的 ${p.lines} 路`,
    en: (p) => `is below the ${p.lines} lines progressive dialling needs for one agent`,
  },
  abandon_target_zero: {
    zh: () => '预测式外呼需要大于 0 的放弃率目标（为 0 时请选逐个外呼）',
    en: () => 'predictive dialling needs an abandon target above 0 (choose progressive for none)',
  },
  duplicate_number: { zh: (p) => `号码 ${p.number} 重复`, en: (p) => `number ${p.number} is listed twice` },
  bad_script_token: {
    zh: (p) => `话术中的 {{${p.token}}} 不是字段名（字段写作 {{字段键}}，另有 {{agent}}、{{phone}}、{{task}}）`,
    en: (p) => `{{${p.token}}} in the script is not a field key (fields are written {{field_key}}; also {{agent}}, {{phone}}, {{task}})`,
  },
  duplicate_digit: { zh: (p) => `按键 “${p.digit}” 重复`, en: (p) => `key "${p.digit}" is used twice` },
  control_characters: { zh: () => '不能包含控制字符（如空字符）', en: () => 'must not contain control characters (such as a NUL byte)' },
  report_unknown_field: { zh: (p) => `报表的数据来源没有字段 “${p.field}”`, en: (p) => `the report's source has no field "${p.field}"` },
  report_not_numeric: { zh: (p) => `字段 “${p.field}” 不是数字，不能求${OP_ZH[String(p.op)] ?? p.op}`, en: (p) => `field "${p.field}" is not a number, so it has no ${p.op}` },
  report_not_a_date: { zh: (p) => `字段 “${p.field}” 不是日期或日期时间`, en: (p) => `field "${p.field}" is not a date or a date and time` },
  report_masked_dimension: {
    zh: (p) => `字段 “${p.field}” 是脱敏字段，不能作为分组（每组会暴露一个号码）`,
    en: (p) => `field "${p.field}" is masked, so it cannot be a dimension (each group would show a number)`,
  },
  report_not_groupable: { zh: (p) => `${p.type} 类型的字段 “${p.field}” 不能作为分组`, en: (p) => `field "${p.field}" (${p.type}) cannot be a dimension` },
  report_bucket_needs_date: { zh: () => '只有按日期分组才能指定时间粒度', en: () => 'only a date dimension has a bucket' },
  report_hour_of_date: { zh: (p) => `日期字段 “${p.field}” 没有时刻，不能按小时分组`, en: (p) => `the date field "${p.field}" has no time of day, so it has no hours` },
  report_dimension_not_in_source: { zh: (p) => `这个数据来源没有 “${DIM_ZH[String(p.by)] ?? p.by}” 维度`, en: (p) => `this source has no "${p.by}" dimension` },
  report_unknown_measure: { zh: (p) => `没有指标 “${p.id}”`, en: (p) => `there is no measure "${p.id}"` },
  report_unknown_column: { zh: (p) => `没有维度或指标 “${p.id}”`, en: (p) => `there is no dimension or measure "${p.id}"` },
  report_ratio_of_nothing: { zh: () => '比率需要指定分子和分母两个指标', en: () => 'a ratio needs the two measures it divides' },
  report_ratio_of_itself: { zh: () => '分子和分母是同一个指标', en: () => 'the numerator and the denominator are the same measure' },
  report_share_of_ratio: { zh: (p) => `指标 “${p.id}” 不能相加，无法计算占比`, en: (p) => `measure "${p.id}" does not add up across rows, so it has no share of a total` },
  report_unknown_metric: { zh: (p) => `指标库中没有 “${p.metric}”`, en: (p) => `the metric catalogue has no "${p.metric}"` },
  report_metric_source: {
    zh: (p) => `指标 “${p.metric}” 统计的是${SOURCE_ZH[String(p.source)] ?? p.source}，与报表的数据来源不符`,
    en: (p) => `the metric "${p.metric}" counts ${p.source}, not this report's source`,
  },
  report_dates_need_custom: { zh: () => '只有“自定义”时间范围才能填写起止日期', en: () => 'only a custom range takes from and to dates' },
  report_pivot_dimensions: { zh: (p) => `交叉表需要正好两个维度（现有 ${p.count} 个）`, en: (p) => `a pivot needs exactly two dimensions (there are ${p.count})` },
  report_single_figure: { zh: () => '单值指标卡和仪表盘只显示一个数字，不能有维度', en: (p) => `a ${p.type} shows one figure, so it has no dimensions` },
  report_chart_needs_dimension: { zh: () => '图表至少需要一个维度', en: (p) => `a ${p.type} chart needs at least one dimension` },
  dashboard_tile_too_wide: { zh: (p) => `报表块超出了 ${p.columns} 列宽的网格`, en: (p) => `the tile goes past the grid's ${p.columns} columns` },
  dashboard_tiles_overlap: { zh: (p) => `与第 ${p.other} 个报表块重叠`, en: (p) => `overlaps tile ${p.other}` },
  dashboard_default_not_offered: { zh: () => '默认时间范围不在可选范围中', en: () => 'the default range is not among the offered ones' },
  invalid: { zh: () => '无效', en: () => 'is invalid' },
};

/** Report words in Chinese: measure operations, built-in dimensions, metric sources. */
const OP_ZH: Record<string, string> = { sum: '和', avg: '平均值', min: '最小值', max: '最大值' };
const DIM_ZH: Record<string, string> = { owner: '负责人', team: '团队', pool: '公海', task: '外呼任务', disposition: '通话结果' };
const SOURCE_ZH: Record<string, string> = { calls: '通话', records: '业务记录', agentStates: '坐席状态' };

const FORMAT_ZH: Record<string, string> = { email: '邮箱', uri: '网址', 'http-url': '网址（http:// 或 https://）', date: '日期', 'date-time': '日期时间', phone: '电话号码' };
const FORMAT_EN: Record<string, string> = { uri: 'URL', 'http-url': 'web address (http:// or https://)', 'date-time': 'date and time', phone: 'phone number' };

/** JSON type names as people say them ("integer,null" -> "a whole number"); null is never what was meant. */
const TYPE_WORDS: Record<string, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'text' }, integer: { zh: '整数', en: 'a whole number' }, number: { zh: '数字', en: 'a number' },
  boolean: { zh: '是/否', en: 'true/false' }, array: { zh: '列表', en: 'a list' }, object: { zh: '对象', en: 'an object' },
};
function typeWords(type: unknown, locale: Locale): string {
  const names = String(type).split(',').filter((t) => t !== 'null');
  const words = names.map((t) => TYPE_WORDS[t]?.[locale] ?? t);
  if (locale === 'zh') return words.join('或');
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
}

/** The `expected` phrases of filter value issues (filter.ts), so a Chinese sentence is Chinese throughout. */
const EXPECTED_ZH: Record<string, string> = {
  'an integer': '整数', 'a number': '数字', 'true or false': 'true 或 false', 'a date (YYYY-MM-DD)': '日期（YYYY-MM-DD）',
  'a date and time': '日期时间', text: '文本', absent: '空（不应提供值）', 'a list [from, to]': '列表 [起, 止]',
  'a list': '列表', 'a single value': '单个值',
};

export function message(code: string, locale: Locale, params: Params = {}): string {
  const m = MESSAGES[code] ?? MESSAGES.invalid!;
  return m[locale](params);
}

export function issue(path: string, code: string, locale: Locale, params: Params = {}): ValidationIssue {
  return { path, code, message: message(code, locale, params) };
}

export function localize(text: LocalText | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text[locale === 'zh' ? 'en' : 'zh'] || '';
}

/**
 * Ajv errors -> issues with JSON pointers. A missing property points at the property itself, so the
 * console can put the message beside the right input. `anyOf` noise (the branch summaries) is dropped.
 */
export function issuesFromAjv(errors: ErrorObject[] | null | undefined, locale: Locale, prefix = ''): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'anyOf' || e.keyword === 'if' || e.keyword === '$ref') continue;
    let path = prefix + e.instancePath;
    // An unknown or missing discriminator tag (a flow node's `type`) is reported on the tag itself.
    if (e.keyword === 'discriminator') {
      const p = e.params as { tag?: string; error?: string };
      path += '/' + String(p.tag);
      out.push(issue(path, p.error === 'tag' ? 'required' : 'enum', locale));
      continue;
    }
    if (e.keyword === 'required') path += '/' + String((e.params as Params).missingProperty);
    if (e.keyword === 'additionalProperties') path += '/' + String((e.params as Params).additionalProperty);
    const key = path + '|' + e.keyword;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue(path, e.keyword, locale, e.params as Params));
  }
  return out;
}
