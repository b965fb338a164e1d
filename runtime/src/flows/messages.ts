import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** The flows API's sentences (publish checks against other definitions, skill groups, approved hosts) in both UI languages. */
const MESSAGES = {
  unknown_skill_group: { zh: (p) => `没有技能组 “${p.group}”`, en: (p) => `There is no skill group "${p.group}"` },
  unknown_agent: { zh: (p) => `没有登录名为 “${p.login}” 的坐席`, en: (p) => `There is no agent with the login "${p.login}"` },
  unknown_subflow: { zh: (p) => `流程 “${p.flow}” 不存在或尚未发布`, en: (p) => `Flow "${p.flow}" does not exist or is not published` },
  unknown_subflow_version: { zh: (p) => `流程 “${p.flow}” 没有已发布的第 ${p.version} 版`, en: (p) => `Flow "${p.flow}" has no published version ${p.version}` },
  subflow_self: { zh: () => '流程不能把自己作为子流程调用', en: () => 'A flow cannot call itself as a sub-flow' },
  subflow_cycle: { zh: (p) => `子流程互相调用：${p.flows}`, en: (p) => `Sub-flows call each other in a loop: ${p.flows}` },
  unknown_lookup_entity: { zh: (p) => `实体 “${p.entity}” 不存在或未发布`, en: (p) => `Entity "${p.entity}" does not exist or is not published` },
  entity_without_phone: { zh: (p) => `实体 “${p.entity}” 没有电话字段，无法按来电号码查找`, en: (p) => `Entity "${p.entity}" has no phone field to look callers up by` },
  host_not_approved: {
    zh: (p) => `主机 “${p.host}” 不在已批准的 HTTP 主机列表中`,
    en: (p) => `Host "${p.host}" is not on the list of approved HTTP hosts`,
  },
  number_taken: { zh: (p) => `号码 ${p.number} 已是流程 “${p.flow}” 的入口`, en: (p) => `Number ${p.number} already starts flow "${p.flow}"` },
  unknown_audio: { zh: (p) => `没有编号为 “${p.id}” 的录音提示音（请先上传）`, en: (p) => `There is no uploaded audio prompt "${p.id}" (upload it first)` },
  forbidden_skill_groups: { zh: () => '只有用户管理员可以修改技能组', en: () => 'Only people who manage users may change skill groups' },
  forbidden_settings: { zh: () => '只有定义管理员可以查看或修改此设置', en: () => 'Only people who manage definitions may see or change this setting' },
  unknown_member: { zh: () => '不是已有的用户', en: () => 'is not an existing user' },
  skill_group_not_found: { zh: (p) => `没有技能组 “${p.group}”`, en: (p) => `There is no skill group "${p.group}"` },
  skill_group_in_use: {
    zh: (p) => `技能组 “${p.group}” 正被已发布的流程使用：${p.flows}（请先在这些流程中换用其他技能组并发布）`,
    en: (p) => `Skill group "${p.group}" is used by published flows: ${p.flows} (point them at another group and publish them first)`,
  },
  skill_group_exists: { zh: (p) => `技能组 “${p.group}” 已存在`, en: (p) => `Skill group "${p.group}" already exists` },
} satisfies Record<string, Message>;

export type FlowMessage = keyof typeof MESSAGES;

export function text(code: FlowMessage, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
