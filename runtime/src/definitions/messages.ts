import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/**
 * The definitions API's sentences in both UI languages. The Chinese ones name a definition as the API's paths do
 * (`entity/policy`): the kinds have no Chinese names on the server (yet).
 */
const MESSAGES = {
  forbidden: { zh: () => '只有可以设计定义的人才能这样做', en: () => 'Only people who manage definitions may do this' },
  definition_not_found: { zh: (p) => `没有定义 “${p.kind}/${p.key}”`, en: (p) => `No ${p.kind} definition "${p.key}"` },
  unknown_kind: { zh: () => '未知的定义类型', en: () => 'Unknown definition kind' },
  kind_one_of: { zh: (p) => `必须是以下之一：${p.kinds}`, en: (p) => `must be one of ${p.kinds}` },
  no_draft: { zh: () => '没有可发布的草稿', en: () => 'There is no draft to publish' },
  version_not_found: { zh: (p) => `版本 ${p.version} 不存在`, en: (p) => `Version ${p.version} does not exist` },
  definition_exists: {
    zh: (p) => `已有标识为 “${p.kind}/${p.key}” 或 ID 为 ${p.id} 的定义`,
    en: (p) => `A ${p.kind} with key "${p.key}" or id ${p.id} already exists`,
  },
  identity_changed: { zh: () => '定义的类型、标识和 ID 不能修改', en: () => 'A definition keeps its kind, key and id' },
  identity_changed_create: {
    zh: () => '定义的类型、标识和 ID 不能修改；请新建一个定义',
    en: () => 'A definition keeps its kind, key and id; create a new one instead',
  },
  cannot_change: { zh: () => '不能修改', en: () => 'cannot change' },
  invalid_definition: {
    zh: (p) => `定义 “${p.kind}/${p.key}” 无效：${p.path} ${p.message}`,
    en: (p) => `The ${p.kind} "${p.key}" is not valid: ${p.path} ${p.message}`,
  },
  concurrent_publish: { zh: () => '有人刚刚同时发布了此定义，请重新加载后再试', en: () => 'Someone else published at the same moment; reload and try again' },
} satisfies Record<string, Message>;

export type DefinitionsMessage = keyof typeof MESSAGES;

export function text(code: DefinitionsMessage, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
