import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** The users and teams API's sentences in both UI languages (errors, and the issues that point at a field). */
const MESSAGES = {
  forbidden: { zh: () => '只有可以管理用户的人才能这样做', en: () => 'Only people who manage users may do this' },
  role_not_published: { zh: (p) => `角色 “${p.role}” 未发布`, en: (p) => `Role "${p.role}" is not published` },
  not_published_role: { zh: () => '不是已发布的角色', en: () => 'is not a published role' },
  unknown_team: { zh: () => '团队不存在', en: () => 'Unknown team' },
  unknown_parent_team: { zh: () => '上级团队不存在', en: () => 'Unknown parent team' },
  not_a_team: { zh: () => '不是一个团队', en: () => 'is not a team' },
  login_taken: { zh: (p) => `登录名 “${p.login}” 已被占用`, en: (p) => `Login "${p.login}" is taken` },
  team_key_taken: { zh: (p) => `团队标识 “${p.key}” 已被占用`, en: (p) => `Team key "${p.key}" is taken` },
  taken: { zh: () => '已被占用', en: () => 'is taken' },
  no_such_user: { zh: () => '用户不存在', en: () => 'No such user' },
  no_such_team: { zh: () => '团队不存在', en: () => 'No such team' },
  team_cycle: { zh: () => '团队不能移到它自己下面', en: () => 'A team cannot be moved under itself' },
  team_cycle_issue: { zh: () => '是这个团队本身或它下面的团队', en: () => 'is this team or one below it' },
} satisfies Record<string, Message>;

export type OrgMessage = keyof typeof MESSAGES;

export function text(code: OrgMessage, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
