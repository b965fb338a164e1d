/** A dial verdict as one sentence in Chinese and one in English (the dialer's log, the compliance report). */
import type { DialQuestion, DialRefusal, DialVerdict } from './types.js';
import { dateOf, wallClock } from './zoned-time.js';

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const duration = (seconds: number, zh: boolean): string =>
  seconds % 3600 === 0 ? `${seconds / 3600}${zh ? ' 小时' : ' h'}` : seconds % 60 === 0 ? `${seconds / 60}${zh ? ' 分钟' : ' min'}` : `${seconds}${zh ? ' 秒' : ' s'}`;

export function sentences(verdict: Omit<DialVerdict, 'text'>, q: DialQuestion, ownAttempts: number): { zh: string; en: string } {
  if (verdict.allowed) return { zh: '可以拨打', en: 'may dial now' };
  const local = wallClock(typeof q.at === 'number' ? q.at : Date.parse(q.at), verdict.timeZone);
  const coolOff = q.rules.abandonCoolOffHours ?? 72;
  const caps = q.rules.workspaceCaps ?? [];
  const why: Record<DialRefusal, [string, string]> = {
    doNotCall: ['号码在免打扰名单上', 'the number is on a do-not-call list'],
    lifetimeLimit: [`本任务已拨打该号码 ${ownAttempts} 次，达到上限 ${q.rules.perNumber?.lifetime} 次`, `dialled ${ownAttempts} times in this task, its limit of ${q.rules.perNumber?.lifetime}`],
    abandonedRecently: [`该号码的来电曾被放弃，${coolOff} 小时内不重拨（除非预留坐席）`, `a call to it was abandoned: no redial within ${coolOff} h unless an agent is reserved`],
    workspaceCap: [
      `已达全工作区对同一号码的拨打上限（${caps.map((c) => `${duration(c.withinSeconds, true)}内 ${c.calls} 次`).join('，')}）`,
      `the workspace's cap on calls to one number is reached (${caps.map((c) => `${c.calls} per ${duration(c.withinSeconds, false)}`).join(', ')})`,
    ],
    dailyLimit: [`今天已拨打 ${q.rules.perNumber?.perDay} 次，达到每日上限`, `dialled ${q.rules.perNumber?.perDay} times today, the daily limit`],
    holiday: [`当地日期 ${dateOf(local.day)} 是节假日`, `${dateOf(local.day)} is a holiday`],
    outsideWindow: [`当地时间 ${hhmm(local.minutes)}（${verdict.timeZone}）不在呼叫时段内`, `${hhmm(local.minutes)} local time (${verdict.timeZone}) is outside the calling windows`],
  };
  const [zh, en] = why[verdict.reason!];
  if (verdict.nextAt === null) return { zh: `${zh}；不再拨打`, en: `${en}; not to be dialled again` };
  const next = wallClock(verdict.nextAt, verdict.timeZone);
  const at = `${dateOf(next.day)} ${hhmm(next.minutes)}`;
  return { zh: `${zh}；最早可于当地时间 ${at} 拨打`, en: `${en}; next possible at ${at} local time` };
}
