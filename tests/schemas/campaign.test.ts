// The campaign kind (an outbound task) on its own: a complete task validates; shape errors and what the schema
// cannot say (zones, windows, dates, rules) come back with their JSON path and a sentence in the reader's language.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@telesales/schemas';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const office = ['09:00-12:00', '13:30-20:00'];
const task = (extra: Record<string, unknown> = {}) => ({
  kind: 'campaign', schemaVersion: 1, id: id(1), key: 'renewal', label: { zh: '续保提醒', en: 'Renewal reminder' },
  entity: 'customer', phoneColumn: 'phone', columns: [{ column: 'name', field: 'name' }, { column: 'policy', field: 'policy_no' }],
  agents: [{ type: 'team', ref: 'sales_a' }, { type: 'user', ref: 'agent1' }],
  schedule: {
    timeZone: 'Asia/Shanghai', startDate: '2026-03-01', endDate: '2026-03-31',
    week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: ['10:00-16:00'] },
    holidays: ['2026-03-08'], regions: [{ prefix: '+1', timeZone: 'America/New_York', week: { mon: ['09:00-21:00'] } }],
  },
  dialMode: 'predictive', maxConcurrent: 30, maxLinesPerAgent: 3, abandonTarget: 3, abandonWindowDays: 30,
  wrapupSec: 15, ringTimeoutSec: 25, callerNumbers: { numbers: ['+861012345678'], coolDownHours: 48 },
  script: { zh: '您好，我是{{agent}}，关于您的保单 {{policy_no}}……', en: 'Hello, this is {{agent}} about policy {{policy_no}}…' },
  dispositions: { definition: 'default', offered: ['interested', 'callback', 'not_interested', 'remove_me'] },
  rules: [
    { id: id(2), outcome: 'busy', action: 'retry', retryAfterMinutes: 30, maxAttempts: 3 },
    { id: id(3), outcome: 'emptyNumber', action: 'finished' },
    { id: id(4), disposition: 'callback', action: 'callback' },
    { id: id(5), disposition: 'remove_me', action: 'doNotCall' },
  ],
  limits: { perDay: 2, lifetime: 6 },
  ...extra,
});

describe('campaign definitions', () => {
  it('a complete task validates, and so does a minimal one', () => {
    expect(validateDefinition(task())).toEqual([]);
    expect(validateDefinition({
      kind: 'campaign', schemaVersion: 1, id: id(1), key: 'min', label: { zh: '最小', en: 'Minimal' },
      dialMode: 'preview', maxConcurrent: 1, schedule: { timeZone: 'UTC', week: {} },
    })).toEqual([]);
  });

  it('shape errors carry their path (a window that does not parse, a mode); a rule names exactly one outcome or disposition', () => {
    const issues = validateDefinition(task({
      dialMode: 'turbo', maxConcurrent: 0,
      schedule: { timeZone: 'Asia/Shanghai', week: { mon: ['9:00-12:00'] } },
      rules: [{ id: id(2), action: 'finished' }],
    }));
    expect(issues.map((i) => i.path).sort()).toEqual(['/dialMode', '/maxConcurrent', '/schedule/week/mon/0']);
    expect(validateDefinition(task({ rules: [{ id: id(2), action: 'finished' }, { id: id(3), outcome: 'busy', disposition: 'callback', action: 'finished' }] }))).toEqual([
      { path: '/rules/0/outcome', code: 'rule_needs_one_when', message: 'a rule names either a line outcome or an outcome agents pick (exactly one of the two)' },
      { path: '/rules/1/disposition', code: 'rule_needs_one_when', message: 'a rule names either a line outcome or an outcome agents pick (exactly one of the two)' },
    ]);
  });

  it('an unknown zone, a window ending before it starts and an end before the start, in both languages', () => {
    const bad = task({ schedule: { timeZone: 'Mars/Olympus', startDate: '2026-03-10', endDate: '2026-03-01', week: { mon: ['18:00-09:00'] } } });
    expect(validateDefinition(bad, 'en')).toEqual([
      { path: '/schedule/timeZone', code: 'bad_time_zone', message: '"Mars/Olympus" is not a time zone' },
      { path: '/schedule/week/mon/0', code: 'bad_time_range', message: 'must be later than the start time' },
      { path: '/schedule/endDate', code: 'end_before_start', message: 'the end date is before the start date' },
    ]);
    expect(validateDefinition(bad, 'zh').map((i) => i.message)).toEqual(['“Mars/Olympus” 不是有效的时区', '结束时间应晚于开始时间', '结束日期早于开始日期']);
  });

  it('rules: a retry says when, a disposition rule names an offered outcome, one rule per outcome, a callback needs an agent', () => {
    const issues = validateDefinition(task({
      rules: [
        { id: id(2), outcome: 'busy', action: 'retry' },
        { id: id(3), outcome: 'busy', action: 'finished' },
        { id: id(4), disposition: 'deal', action: 'finished' },
        { id: id(5), outcome: 'noAnswer', action: 'callback' },
      ],
    }));
    expect(issues).toEqual([
      { path: '/rules/0/retryAfterMinutes', code: 'retry_needs_delay', message: 'a retry rule needs the minutes to wait before the next dial' },
      { path: '/rules/1', code: 'duplicate_rule', message: '"busy" already has a rule' },
      { path: '/rules/2/disposition', code: 'disposition_not_offered', message: 'the outcome "deal" is not one the task offers' },
      { path: '/rules/3/action', code: 'callback_needs_agent', message: 'only an outcome an agent picks can lead to a callback (a line outcome has no agent)' },
    ]);
  });
});
