import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** The sentences of a task's publish checks against other definitions and the organisation, in both UI languages. */
const MESSAGES = {
  unknown_entity: { zh: (p) => `实体 “${p.entity}” 不存在或未发布`, en: (p) => `Entity "${p.entity}" does not exist or is not published` },
  unknown_field: { zh: (p) => `实体 “${p.entity}” 没有字段 “${p.field}”`, en: (p) => `Entity "${p.entity}" has no field "${p.field}"` },
  unknown_token: {
    zh: (p) => `话术中的 {{${p.field}}} 不是实体 “${p.entity}” 的字段`,
    en: (p) => `{{${p.field}}} in the script is not a field of entity "${p.entity}"`,
  },
  unknown_dispositions: {
    zh: (p) => `通话结果定义 “${p.key}” 不存在或未发布`,
    en: (p) => `Call outcomes definition "${p.key}" does not exist or is not published`,
  },
  unknown_disposition: {
    zh: (p) => `通话结果定义 “${p.definition}” 中没有结果 “${p.key}”`,
    en: (p) => `Call outcomes "${p.definition}" have no outcome "${p.key}"`,
  },
  callback_without_time: {
    zh: (p) => `通话结果 “${p.key}” 不要求坐席填写下次联系时间，无法按时回拨`,
    en: (p) => `The outcome "${p.key}" does not ask the agent for the next contact's time, so there is no time to call back`,
  },
  unknown_principal: {
    zh: (p) => `${p.type === 'user' ? '用户' : p.type === 'team' ? '团队' : '角色'} “${p.ref}” 不存在或已停用`,
    en: (p) => `The ${p.type} "${p.ref}" does not exist or is disabled`,
  },
  concurrency_below_agents: {
    zh: (p) => `最大并发数小于逐个外呼所需的 ${p.lines} 路（${p.agents} 名坐席 × 每人 ${p.ratio} 路）`,
    en: (p) => `is below the ${p.lines} lines progressive dialling needs for ${p.agents} agents at ${p.ratio} per agent`,
  },
} satisfies Record<string, Message>;

export type CampaignCheckCode = keyof typeof MESSAGES;

export function text(code: CampaignCheckCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
