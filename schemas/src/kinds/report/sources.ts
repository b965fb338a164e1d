import type { FieldType } from '../../field-types.js';
import { LOG_ACTIONS } from '../../api/records.js';
import type { EntityDefinition, LocalText } from '../../types.js';
import type { BUILT_IN_DIMENSIONS } from './schema.js';

export type BuiltInDimension = (typeof BUILT_IN_DIMENSIONS)[number];
export type SourceKind = 'records' | 'calls' | 'dials' | 'moves' | 'agentStates';

/** A field a report may filter, group or measure by: its type, where it lives in the source's documents, its label. */
export interface ReportField {
  key: string;
  type: FieldType;
  /** The document path (`values.status`, `disposition.key`): built from definitions and this table, never from client text. */
  path: string;
  label: LocalText;
  options?: readonly string[];
  /** Entity dates and times are stored as text (YYYY-MM-DD, ISO 8601), the system's and the logs' as dates. */
  storedAsText?: true;
  /** An entity field masked for some readers: never a dimension (a group per number would show the numbers). */
  masked?: boolean;
}

const f = (key: string, type: FieldType, path: string, en: string, zh: string, options?: readonly string[]): ReportField =>
  ({ key, type, path, label: { en, zh }, ...(options ? { options } : {}) });

/**
 * The fields of the sources that are not an entity. The outside party's number is none of them: a report never
 * groups by a phone number.
 */
export const SOURCE_FIELDS: Record<Exclude<SourceKind, 'records'>, ReportField[]> = {
  calls: [
    f('direction', 'select', 'direction', 'Direction', '方向', ['in', 'out']),
    f('agent', 'user', 'agentId', 'Agent', '坐席'),
    f('queue', 'text', 'queue', 'Skill group', '技能组'),
    f('status', 'select', 'status', 'Status', '状态', ['ringing', 'queued', 'talking', 'ended', 'missed', 'failed']),
    f('disposition', 'text', 'disposition.key', 'Outcome', '通话结果'),
    f('task', 'text', 'task.key', 'Outbound task', '外呼任务'),
    f('outcome', 'select', 'outcome', 'Line outcome', '线路结果', ['busy', 'noAnswer', 'failed']),
    f('hangupBy', 'text', 'hangupBy', 'Hung up by', '挂断方'),
    f('abandoned', 'boolean', 'abandoned', 'Abandoned', '放弃'),
    f('customerEntity', 'text', 'customer.entity', 'Object', '对象'),
    f('customer', 'text', 'customer.id', 'Record', '记录'),
    f('ringAt', 'datetime', 'ringAt', 'Started', '开始时间'),
    f('queuedAt', 'datetime', 'queuedAt', 'Queued', '排队时间'),
    f('answerAt', 'datetime', 'answerAt', 'Answered', '接通时间'),
    f('endAt', 'datetime', 'endAt', 'Ended', '结束时间'),
    f('talkSec', 'integer', 'talkSec', 'Talk time (s)', '通话时长（秒）'),
  ],
  dials: [
    f('task', 'text', 'task', 'Outbound task', '外呼任务'),
    f('at', 'datetime', 'at', 'Dialled', '拨打时间'),
    f('abandoned', 'boolean', 'abandoned', 'Abandoned', '放弃'),
    f('reserved', 'boolean', 'reserved', 'Agent reserved', '预留坐席'),
  ],
  moves: [
    f('entity', 'text', 'entity', 'Object', '对象'),
    f('action', 'select', 'action', 'Action', '操作', LOG_ACTIONS),
    f('by', 'user', 'by.id', 'By', '操作人'),
    f('record', 'text', 'recordId', 'Record', '记录'),
    f('fromPool', 'text', 'detail.fromPool', 'From pool', '来源公海'),
    f('toPool', 'text', 'detail.toPool', 'To pool', '去向公海'),
    f('reason', 'text', 'detail.reason', 'Reason', '原因'),
    f('at', 'datetime', 'at', 'When', '时间'),
  ],
  agentStates: [
    f('agent', 'user', 'agentId', 'Agent', '坐席'),
    f('state', 'text', 'state', 'State', '状态'),
    f('kind', 'select', 'kind', 'Kind', '类型', ['ready', 'break', 'busy', 'wrapup', 'offline']),
    f('from', 'datetime', 'from', 'From', '开始'),
    f('to', 'datetime', 'to', 'To', '结束'),
    f('sec', 'integer', 'sec', 'Seconds', '秒数'),
  ],
};

/** The date field a range applies to when the report names none. */
export const DEFAULT_DATE_FIELD: Record<SourceKind, string> = {
  records: 'createdAt', calls: 'ringAt', dials: 'at', moves: 'at', agentStates: 'from',
};

/**
 * Where each built-in dimension lives in a source's documents (`team` is the team of the owner's path). A
 * dimension a source lacks is refused at publish.
 */
export const BUILT_IN_PATHS: Record<SourceKind, Partial<Record<BuiltInDimension, string>>> = {
  records: { owner: 'ownerId', team: 'ownerId', pool: 'poolKey' },
  calls: { owner: 'agentId', team: 'agentId', task: 'task.key', disposition: 'disposition.key' },
  dials: { task: 'task' },
  moves: { owner: 'by.id', team: 'by.id', pool: 'detail.toPool' },
  agentStates: { owner: 'agentId', team: 'agentId' },
};

/** The path whose person decides who may read a document (the data scope): the owner, the call's agent, the mover. */
export const SCOPE_PATH: Record<SourceKind, string | null> = {
  records: 'ownerId', calls: 'agentId', dials: null, moves: 'by.id', agentStates: 'agentId',
};

export function sourceKind(source: string): SourceKind {
  return source.startsWith('records:') ? 'records' : (source as SourceKind);
}

export function sourceEntity(source: string): string | null {
  return source.startsWith('records:') ? source.slice('records:'.length) : null;
}

/** An entity's fields as a report sees them: its live fields under `values`, and the system fields. */
export function recordSourceFields(entity: EntityDefinition): ReportField[] {
  return [
    ...entity.fields.filter((x) => !x.retired).map((x) => ({
      key: x.key, type: x.type, path: `values.${x.key}`, label: x.label,
      ...(x.options ? { options: x.options.map((o) => o.value) } : {}),
      ...(x.masked ? { masked: true } : {}),
      ...(x.type === 'date' || x.type === 'datetime' ? { storedAsText: true as const } : {}),
    })),
    f('createdAt', 'datetime', 'createdAt', 'Created', '创建时间'),
    f('updatedAt', 'datetime', 'updatedAt', 'Updated', '更新时间'),
    f('ownerId', 'user', 'ownerId', 'Owner', '负责人'),
    f('createdBy', 'user', 'createdBy', 'Created by', '创建人'),
  ];
}

/** The fields of a source: the table's, or the entity's when given (a records source's fields need its definition). */
export function sourceFields(source: string, entity?: EntityDefinition | null): ReportField[] | null {
  const kind = sourceKind(source);
  if (kind === 'records') return entity ? recordSourceFields(entity) : null;
  return SOURCE_FIELDS[kind];
}
