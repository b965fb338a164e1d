// The campaign kind (an outbound task) on its own: a complete task validates; shape errors and what the schema
// cannot say (zones, windows, dates, rules) come back with their JSON path and a sentence in the reader's language.
import { describe, expect, it } from 'vitest';
import { scriptTokens, validateDefinition } from '@telesales/schemas';

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

describe('campaign checks that need no other definition', () => {
  it('overlapping windows of one day are refused on the later-listed window, naming the other; touching windows are fine', () => {
    const issues = validateDefinition(task({ schedule: { timeZone: 'Asia/Shanghai', week: { mon: ['13:00-18:00', '09:00-12:00', '11:30-14:00'], tue: ['09:00-12:00', '12:00-13:00'] } } }), 'en');
    expect(issues).toEqual([
      { path: '/schedule/week/mon/2', code: 'windows_overlap', message: 'overlaps the window 09:00-12:00' },
      { path: '/schedule/week/mon/2', code: 'windows_overlap', message: 'overlaps the window 13:00-18:00' },
    ]);
    expect(validateDefinition(task({ schedule: { timeZone: 'UTC', week: { mon: ['09:00-12:00', '10:00-11:00'] } } }), 'zh')).toEqual([
      { path: '/schedule/week/mon/1', code: 'windows_overlap', message: '与时段 09:00-12:00 重叠' },
    ]);
  });

  it('pacing settings that contradict each other: ratio above the lines per agent, concurrency below one agent\'s lines, predictive with a 0 % target', () => {
    expect(validateDefinition(task({ dialMode: 'progressive', ratio: 2.5, maxLinesPerAgent: 2, maxConcurrent: 2 }), 'en')).toEqual([
      { path: '/ratio', code: 'ratio_above_lines', message: '2.5 lines per free agent is more than the 2 lines an agent may have' },
      { path: '/maxConcurrent', code: 'concurrency_below_ratio', message: 'is below the 3 lines progressive dialling needs for one agent' },
    ]);
    expect(validateDefinition(task({ abandonTarget: 0 }), 'zh')).toEqual([
      { path: '/abandonTarget', code: 'abandon_target_zero', message: '预测式外呼需要大于 0 的放弃率目标（为 0 时请选逐个外呼）' },
    ]);
    expect(validateDefinition(task({ abandonTarget: 12 })).map((i) => [i.path, i.code])).toEqual([['/abandonTarget', 'maximum']]);
    expect(validateDefinition(task({ dialMode: 'preview', abandonTarget: 0 }))).toEqual([]);
  });

  it('a caller number listed twice is refused at the repeat; a script token that is no field key at its language', () => {
    expect(validateDefinition(task({ callerNumbers: { numbers: ['+861012345678', '+861087654321', '+861012345678'] } }), 'en')).toEqual([
      { path: '/callerNumbers/numbers/2', code: 'duplicate_number', message: 'number +861012345678 is listed twice' },
    ]);
    const issues = validateDefinition(task({ script: { zh: '您好 {{ name }}，{{values.policy_no}}，{{保单号}}', en: 'Hi {{Name}}' } }), 'en');
    expect(issues).toEqual([
      { path: '/script/zh', code: 'bad_script_token', message: '{{保单号}} in the script is not a field key (fields are written {{field_key}}; also {{agent}}, {{phone}}, {{task}})' },
      { path: '/script/en', code: 'bad_script_token', message: '{{Name}} in the script is not a field key (fields are written {{field_key}}; also {{agent}}, {{phone}}, {{task}})' },
    ]);
  });
});

describe('script tokens', () => {
  it('field keys with or without values., built-ins, and what is neither', () => {
    expect(scriptTokens('{{agent}} {{ name }} {{values.policy_no}} {{x.y}} {{ unclosed')).toEqual([
      { text: 'agent', field: null, valid: true },
      { text: 'name', field: 'name', valid: true },
      { text: 'values.policy_no', field: 'policy_no', valid: true },
      { text: 'x.y', field: null, valid: false },
    ]);
  });
});
