import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** The ownership API's sentences in both UI languages; none of them carries a record's values. */
const MESSAGES = {
  pool_not_found: { zh: (p) => `没有公海 “${p.pool}”`, en: (p) => `There is no pool "${p.pool}"` },
  not_member: { zh: () => '您不是该公海的成员，不能领取', en: () => 'You are not a member of this pool, so you cannot take from it' },
  not_pool_admin: { zh: () => '只有公海管理员可以把客户移入或移出该公海', en: () => 'Only the pool\'s admins may move customers into or out of it' },
  not_in_pool: { zh: () => '该客户不在此公海中', en: () => 'This customer is not in this pool' },
  already_taken: { zh: () => '该客户已被其他坐席领取', en: () => 'Another agent has just taken this customer' },
  already_yours: { zh: () => '该客户已归您所有', en: () => 'You already own this customer' },
  over_cap: {
    zh: (p) => `您已拥有 ${p.owned} 个客户，达到上限 ${p.cap} 个，请先跟进或释放部分客户`,
    en: (p) => `You own ${p.owned} of at most ${p.cap} customers; follow up or release some first`,
  },
  over_pool_cap: {
    zh: (p) => `您已从该公海领取 ${p.owned} 个客户，达到该公海的上限 ${p.cap} 个`,
    en: (p) => `You own ${p.owned} customers from this pool, its limit is ${p.cap}`,
  },
  target_over_cap: {
    zh: (p) => `${p.name} 已拥有 ${p.owned} 个客户，达到上限 ${p.cap} 个`,
    en: (p) => `${p.name} owns ${p.owned} of at most ${p.cap} customers`,
  },
  not_owner: { zh: () => '只有客户的所属人可以这样做', en: () => 'Only the customer\'s owner may do this' },
  not_owned_entity: { zh: (p) => `“${p.entity}” 的记录没有归属`, en: (p) => `Records of "${p.entity}" have no owner` },
  not_auto_pool: { zh: () => '该公海是手动领取，不自动分配', en: () => 'This pool is claimed by hand, not distributed automatically' },
  forbidden_transfer: { zh: () => '只有公海管理员和主管可以转移客户', en: () => 'Only pool admins and supervisors may transfer customers' },
  invalid_target_owner: { zh: () => '接收人不存在、已停用或不在您的数据范围内', en: () => 'The new owner does not exist, is disabled, or is outside your data scope' },
  request_pending: { zh: () => '已有待审核的申请', en: () => 'A request is already waiting for review' },
  no_request: { zh: () => '该客户没有待审核的申请', en: () => 'This customer has no request waiting for review' },
  forbidden_review: { zh: () => '只有主管和管理员可以审核', en: () => 'Only supervisors and admins may review requests' },
  no_system_pool: { zh: (p) => `没有${p.type === 'lost' ? '丢单' : '无效'}公海，请先发布一个`, en: (p) => `There is no ${p.type} pool; publish one first` },
  forbidden_tickets: { zh: () => '只有管理员可以发放或扣除商机券', en: () => 'Only admins may grant or deduct tickets' },
  tickets_below_zero: { zh: (p) => `余额只有 ${p.balance} 张，不能扣除 ${p.amount} 张`, en: (p) => `The balance is ${p.balance}; ${p.amount} cannot be deducted` },
  user_not_found: { zh: () => '用户不存在', en: () => 'The user does not exist' },
  forbidden_merge: { zh: () => '只有管理员可以合并客户', en: () => 'Only admins may merge customers' },
  merge_same: { zh: () => '不能把记录合并到它自己', en: () => 'A record cannot be merged into itself' },
  forbidden_batch: { zh: () => '只有管理员可以批量分配或移动', en: () => 'Only admins may assign or move in bulk' },
  pool_entity_missing: { zh: (p) => `实体 “${p.entity}” 不存在或其记录没有归属`, en: (p) => `Entity "${p.entity}" does not exist or its records have no owner` },
  unknown_pool_ref: { zh: (p) => `公海 “${p.pool}” 不存在或不属于同一实体`, en: (p) => `Pool "${p.pool}" does not exist or holds another entity` },
  unknown_field_ref: { zh: (p) => `字段 “${p.field}” 不存在`, en: (p) => `Field "${p.field}" does not exist` },
  system_pool_exists: { zh: (p) => `实体已有${p.system}系统公海 “${p.pool}”`, en: (p) => `The entity already has a ${p.system} pool, "${p.pool}"` },
} satisfies Record<string, Message>;

export type OwnershipMessage = keyof typeof MESSAGES;

export function text(code: OwnershipMessage, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
