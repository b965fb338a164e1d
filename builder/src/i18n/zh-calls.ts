// 通话结果与坐席状态编辑器的中文文本（与 zh.ts 分开，后者已很长）。
import type { enAgentStates, enDispositions } from './en-calls';

type Texts<T> = { [K in keyof T]: string };

export const zhDispositions: Texts<typeof enDispositions> = {
  title: '通话结果', new: '新建通话结果', empty: '暂无通话结果',
  emptyHint: '坐席在话后处理中为通话选择的结果：忙线、无人接听、无意向、回访、成交……',
  keyExists: '已存在相同标识的通话结果。',
  tabs: '通话结果视图', editTab: '设计', settings: '通话结果', description: '描述',
  discardNeverPublished: '此通话结果从未发布：放弃草稿将删除它。',
  outcomes: '结果项', add: '添加结果',
  hint: '坐席按此顺序看到结果。标识会存入通话记录：一旦被使用请保持不变。',
  drag: '移动 {{name}}', remove: '删除 {{name}}',
  requiresNote: '必须填写备注', requiresNoteHint: '选择此结果时坐席必须填写备注。',
  asksContactPlan: '需要联系计划', asksContactPlanHint: '坐席必须填写下次联系时间（回访）。',
  marksInvalid: '标记号码无效', marksInvalidHint: '号码被记录为无效（空号或错号）。',
  setsField: '同时写入客户记录的字段', setsFieldHint: '来电客户记录中一个日期时间字段的标识（如 next_contact）；留空则只记在通话上。',
};

export const zhAgentStates: Texts<typeof enAgentStates> = {
  title: '坐席状态', new: '新建坐席状态', empty: '暂无坐席状态',
  emptyHint: '坐席话机的状态：就绪接听、通话中、话后处理、小休。',
  keyExists: '已存在相同标识的坐席状态。',
  tabs: '坐席状态视图', editTab: '设计', settings: '坐席状态', description: '描述',
  discardNeverPublished: '此坐席状态从未发布：放弃草稿将删除它。',
  states: '状态', add: '添加状态',
  hint: '坐席按此顺序看到状态。必须有且只有一个“就绪”，并且需要一个“通话中”和一个“话后处理”。',
  drag: '移动 {{name}}', remove: '删除 {{name}}',
  kind: '类型', kind_ready: '就绪（接收来电）', kind_busy: '通话中', kind_wrapup: '话后处理', kind_break: '小休',
  maxSec: '最长秒数', maxSecHint: '在此状态的最长时间，超时后自动恢复就绪。留空：不限。',
};
