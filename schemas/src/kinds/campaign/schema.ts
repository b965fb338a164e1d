import { keySchema, labelSchema, localTextSchema, uuidSchema } from '../../common.schema.js';

/** Who works the task: one person (user id), everyone in a team (and below), or everyone with a role (as pools name them). */
const principalSchema = {
  type: 'object',
  properties: { type: { enum: ['user', 'team', 'role'] }, ref: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['type', 'ref'],
  additionalProperties: false,
} as const;

/** One calling window in local time, "HH:MM-HH:MM" (the end exclusive; "24:00" ends at midnight). */
export const CALLING_WINDOW_PATTERN = '^(?:[01]\\d|2[0-3]):[0-5]\\d-(?:(?:[01]\\d|2[0-3]):[0-5]\\d|24:00)$';
const windowsSchema = { type: 'array', items: { type: 'string', pattern: CALLING_WINDOW_PATTERN }, maxItems: 8 } as const;

/** Calling windows per weekday; a day left out (or empty) has no calls. */
export const campaignWeekSchema = {
  type: 'object',
  properties: {
    mon: windowsSchema, tue: windowsSchema, wed: windowsSchema, thu: windowsSchema, fri: windowsSchema, sat: windowsSchema, sun: windowsSchema,
  },
  additionalProperties: false,
} as const;

const timeZoneSchema = { type: 'string', minLength: 1, maxLength: 60, description: 'IANA time zone, e.g. Asia/Shanghai' } as const;
const dateSchema = { type: 'string', format: 'date' } as const;

/** Numbers whose E.164 form starts with `prefix` (+86 10, +1 212) are called in their own zone and windows. */
export const campaignRegionSchema = {
  type: 'object',
  properties: {
    prefix: { type: 'string', pattern: '^\\+[1-9]\\d{0,7}$' },
    label: labelSchema,
    timeZone: timeZoneSchema,
    /** The region's own windows; the task's when absent. */
    week: campaignWeekSchema,
  },
  required: ['prefix'],
  additionalProperties: false,
} as const;

export const campaignScheduleSchema = {
  type: 'object',
  properties: {
    /** The zone the dates, windows and holidays are read in (the workspace's). */
    timeZone: timeZoneSchema,
    /** First and last day the task runs (local dates, inclusive); open-ended when absent. */
    startDate: dateSchema,
    endDate: dateSchema,
    week: campaignWeekSchema,
    holidays: { type: 'array', items: dateSchema, uniqueItems: true, maxItems: 366 },
    /** Read the windows in the callee's zone where it is known (their region or record); default true. */
    calleeTimeZone: { type: 'boolean' },
    regions: { type: 'array', items: campaignRegionSchema, maxItems: 200 },
  },
  required: ['timeZone', 'week'],
  additionalProperties: false,
} as const;

/**
 * What the line can say about a dial before any agent does (the carrier's outcomes), plus `abandoned`: answered
 * by a person with no agent free within 2 s (the 2-second rule).
 */
export const CAMPAIGN_CARRIER_OUTCOMES = [
  'busy', 'noAnswer', 'switchedOff', 'suspended', 'emptyNumber', 'answeringMachine', 'rejected', 'failed', 'abandoned',
] as const;
export const CAMPAIGN_ACTIONS = ['retry', 'callback', 'finished', 'doNotCall'] as const;

/**
 * What happens to the number after a carrier outcome or an agent's disposition: dialled again after a delay (up to
 * `maxAttempts` dials in all), called back at the time the agent sets (by the same agent), finished, or put on
 * the workspace's do-not-call list. An outcome with no rule finishes the number. A rule names exactly one of
 * `outcome` and `disposition` (checks.ts: Ajv's strict mode refuses `required` under `oneOf`).
 */
export const campaignRuleSchema = {
  type: 'object',
  properties: {
    id: uuidSchema,
    outcome: { enum: CAMPAIGN_CARRIER_OUTCOMES },
    /** A disposition key (of the task's dispositions definition, among the offered ones). */
    disposition: keySchema,
    action: { enum: CAMPAIGN_ACTIONS },
    retryAfterMinutes: { type: 'integer', minimum: 1, maximum: 525600 },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 100 },
  },
  required: ['id', 'action'],
  additionalProperties: false,
} as const;

/** A list column (its header as imported) and the field of the entity it fills when the number becomes a record. */
export const campaignColumnSchema = {
  type: 'object',
  properties: {
    column: { type: 'string', minLength: 1, maxLength: 100 },
    field: keySchema,
  },
  required: ['column', 'field'],
  additionalProperties: false,
} as const;

const scriptTextSchema = { type: 'string', maxLength: 20000 } as const;

export const campaignSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://telesales.local/schemas/campaign.schema.json',
  title: 'Outbound task',
  description: 'An outbound task (外呼任务): its number list, agents, schedule, dial mode and pacing limits, script, and what each outcome leads to.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'campaign' },
    schemaVersion: { const: 1 },
    id: uuidSchema,
    key: keySchema,
    label: labelSchema,
    description: localTextSchema,
    /** The entity a number becomes when an agent converts it (customer by default). */
    entity: keySchema,
    /** The list's columns that fill the entity's fields; the phone column is the number itself. */
    columns: { type: 'array', items: campaignColumnSchema, maxItems: 200 },
    /** The list column holding the number (default "phone"). */
    phoneColumn: { type: 'string', minLength: 1, maxLength: 100 },
    agents: { type: 'array', items: principalSchema, maxItems: 500 },
    schedule: campaignScheduleSchema,
    /** preview: the agent sees the number and dials; progressive: lines per free agent; predictive: paced toward the abandon target. */
    dialMode: { enum: ['preview', 'progressive', 'predictive'] },
    /** Progressive: lines per free agent (default 1). */
    ratio: { type: 'number', minimum: 1, maximum: 5 },
    /** Calls the task may have at once: ringing, waiting and talking (最大并发数). */
    maxConcurrent: { type: 'integer', minimum: 1, maximum: 10000 },
    /** Lines per agent of the task, the dial level's ceiling (default 3). */
    maxLinesPerAgent: { type: 'number', minimum: 1, maximum: 5 },
    /** Abandoned calls per call answered by a person, in percent (default 3), over `abandonWindowDays` (default 30). */
    abandonTarget: { type: 'number', minimum: 0, maximum: 10 },
    abandonWindowDays: { type: 'integer', minimum: 1, maximum: 90 },
    /** What an abandoned call's callee hears (naming the company); a default sentence when absent. */
    abandonMessage: localTextSchema,
    /** Seconds of after-call work before the agent is ready again (default 15). */
    wrapupSec: { type: 'integer', minimum: 0, maximum: 3600 },
    /** Seconds a dial rings before it counts as no answer (default 25). */
    ringTimeoutSec: { type: 'integer', minimum: 10, maximum: 120 },
    /** The numbers presented to callees, rotated; one reported as spam rests `coolDownHours`. */
    callerNumbers: {
      type: 'object',
      properties: {
        // Duplicates are refused by checks.ts, on the repeated number's own path.
        numbers: { type: 'array', items: { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$' }, maxItems: 200 },
        coolDownHours: { type: 'integer', minimum: 0, maximum: 8760 },
      },
      required: ['numbers'],
      additionalProperties: false,
    },
    /** The agents' script (话术): rich text (Markdown) with field tokens such as {{name}} or {{values.policy_no}}. */
    script: { type: 'object', properties: { zh: scriptTextSchema, en: scriptTextSchema }, additionalProperties: false },
    /** The dispositions definition the task's outcomes come from, and which of its outcomes the task offers (all when absent). */
    dispositions: {
      type: 'object',
      properties: {
        definition: keySchema,
        offered: { type: 'array', items: keySchema, uniqueItems: true, maxItems: 100 },
      },
      required: ['definition'],
      additionalProperties: false,
    },
    rules: { type: 'array', items: campaignRuleSchema, maxItems: 100 },
    /** This task's dials of one number: per local day and ever. */
    limits: {
      type: 'object',
      properties: {
        perDay: { type: 'integer', minimum: 1, maximum: 50 },
        lifetime: { type: 'integer', minimum: 1, maximum: 500 },
      },
      additionalProperties: false,
    },
  },
  required: ['kind', 'schemaVersion', 'id', 'key', 'label', 'schedule', 'dialMode', 'maxConcurrent'],
  additionalProperties: false,
} as const;
