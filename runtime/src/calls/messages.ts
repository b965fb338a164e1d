import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** The calls API's sentences in both UI languages; none of them carries a phone number. */
const MESSAGES = {
  call_not_found: { zh: () => '通话不存在', en: () => 'The call does not exist' },
  no_phone_field: { zh: () => '该实体没有电话字段，无法保存来电号码', en: () => 'This entity has no phone field to keep the caller\'s number in' },
  no_phone: { zh: () => '该记录没有可拨打的电话号码', en: () => 'This record has no phone number to call' },
  not_your_call: { zh: () => '这不是您的通话', en: () => 'This is not your call' },
  not_ringing: { zh: () => '该来电已不在振铃', en: () => 'This call is no longer ringing for you' },
  not_talking: { zh: () => '通话未在进行中', en: () => 'The call is not in progress' },
  not_in_wrapup: { zh: () => '只能在话后处理时填写通话结果', en: () => 'The outcome is given in after-call work, once the call has ended' },
  already_disposed: { zh: () => '该通话已填写通话结果', en: () => 'This call already has an outcome' },
  unknown_disposition: { zh: (p) => `没有通话结果 “${p.key}”`, en: (p) => `There is no call outcome "${p.key}"` },
  note_required: { zh: (p) => `选择“${p.label}”时必须填写备注`, en: (p) => `"${p.label}" needs a note` },
  contact_required: { zh: (p) => `选择“${p.label}”时必须填写下次联系时间`, en: (p) => `"${p.label}" needs the time of the next contact` },
  no_dispositions: { zh: () => '尚未发布通话结果定义', en: () => 'No call outcomes are published yet' },
  no_agent_states: { zh: () => '尚未发布坐席状态定义', en: () => 'No agent states are published yet' },
  unknown_state: { zh: (p) => `没有坐席状态 “${p.state}”`, en: (p) => `There is no agent state "${p.state}"` },
  outcome_required: {
    zh: (p) => `请先填写与 ${p.party} 的通话结果`,
    en: (p) => `Give the outcome of your call with ${p.party} first`,
  },
  state_on_call: { zh: () => '通话或话后处理中不能手动切换状态', en: () => 'The state cannot be changed by hand during a call or its after-call work' },
  forbidden_all_calls: { zh: () => '只有主管和管理员可以查看全部通话', en: () => 'Only supervisors and admins may see all calls' },
  forbidden_simulate: { zh: () => '只有管理员可以模拟来电', en: () => 'Only admins may simulate incoming calls' },
  not_simulated: { zh: () => '只有模拟话务模式（TELEPHONY=simulated）可以这样做', en: () => 'This works only with TELEPHONY=simulated' },
  no_flow_for_number: { zh: (p) => `没有已发布的流程以 ${p.number} 为入口`, en: (p) => `No published flow has ${p.number} as an entry number` },
  transfer_target: { zh: () => '转接对象不存在或当前不能接听', en: () => 'The transfer target does not exist or cannot take calls now' },
  consult_agent_not_ready: { zh: (p) => `${p.name} 当前不是就绪状态，不能接听咨询`, en: (p) => `${p.name} is not ready to take a consultation now` },
  consult_group_not_ready: { zh: (p) => `${p.group} 没有就绪的坐席可以接听咨询`, en: (p) => `Nobody in ${p.group} is ready to take a consultation now` },
  consult_in_progress: { zh: () => '正在咨询或会议中，请先完成或取消', en: () => 'A consultation or conference is in progress: complete or cancel it first' },
  no_consult: { zh: () => '当前没有进行中的咨询', en: () => 'There is no consultation in progress' },
  consult_not_answered: { zh: () => '被咨询的坐席尚未接听', en: () => 'The consulted agent has not answered yet' },
  forbidden_dial_number: {
    zh: () => '你的角色不能拨打手动输入的号码，请在客户记录上点击呼叫',
    en: () => 'Your role may not call a number typed by hand: call from a customer\'s record',
  },
  not_a_number: { zh: () => '请输入电话号码：数字，国外号码以 + 和国家代码开头', en: () => 'Type a phone number: digits, a foreign number starting with + and its country code' },
  sets_field_unknown: {
    zh: (p) => `没有可拨打的业务对象有日期时间字段 “${p.field}”：下次联系时间无处写入`,
    en: (p) => `No object with phone numbers has a date-and-time field "${p.field}": the next contact would be written nowhere`,
  },
  call_owner_unreachable: {
    zh: () => '处理该通话的服务进程暂时没有响应，请稍后重试',
    en: () => 'The runtime process carrying this call did not answer in time: try again in a moment',
  },
  already_on_call: { zh: () => '你正在通话中，请先结束当前通话', en: () => 'You are on a call: end it first' },
  forbidden_monitor: { zh: () => '只有主管和管理员可以监听本团队的通话', en: () => 'Only supervisors and admins may monitor their team\'s calls' },
  monitor_outside_team: { zh: () => '该通话的坐席不在您的团队中', en: () => 'The agent on this call is not in your team' },
  call_not_live: { zh: () => '通话未在进行中，无法监听', en: () => 'The call is not live: there is nothing to monitor' },
  not_monitoring: { zh: () => '您没有在监听该通话', en: () => 'You are not monitoring this call' },
} satisfies Record<string, Message>;

export type CallsMessage = keyof typeof MESSAGES;

export function text(code: CallsMessage, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
