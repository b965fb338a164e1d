import type { enDashboardDesigner, enDashboards, enRanges, enReportDesigner, enReports, enReportView } from './en-reports';

// 报表和仪表盘设计器的中文文本（与 en-reports.ts 结构相同）。
export const zhReports: typeof enReports = {
  title: '报表', new: '新建报表', empty: '还没有报表',
  emptyHint: '报表统计业务记录、通话、拨号、流转或坐席状态，分组后以表格或图表展示。',
  keyExists: '已有相同键的报表。', tabs: '报表视图', editTab: '设计',
  discardNeverPublished: '这个报表从未发布：放弃草稿会删除它。',
  json: '报表定义（JSON）', notJson: '不是有效的 JSON：保留上一个有效版本。',
  jsonHint: '设计器中的全部内容及其余设置（名称、指标参数），以 JSON 表示。',
};

export const zhReportDesigner: typeof enReportDesigner = {
  tab: { design: '字段与图表', json: 'JSON' }, tabs: '报表的编辑方式',
  dimensions: '分组依据', fields: '字段', metrics: '指标库', noFields: '请先发布该对象，它的字段会显示在这里。',
  rows: '行', rowsHint: '把维度或字段拖到这里，按它对行分组。',
  columns: '列', columnsHint: '把维度拖到这里，横向展开（交叉表，或图表的系列）。',
  measures: '指标', measuresHint: '把指标或字段拖到这里，为每组计算。',
  builtIn: { owner: '坐席', team: '团队', pool: '公海', task: '外呼任务', disposition: '通话结果', date: '日期' },
  bucket: '时间粒度', bucketOf: { hour: '按小时', day: '按天', week: '按周', month: '按月' },
  removeNamed: '移除{{name}}', operation: '计算方式', field: '字段', metric: '指标', of: '占比基准', numerator: '分子', denominator: '分母',
  choose: '请选择…', pickFieldFirst: '请先选择字段。',
  op: { count: '计数', countDistinct: '去重计数', sum: '求和', avg: '平均值', min: '最小值', max: '最大值', shareOfTotal: '占总计比例', ratio: '比率', metric: '指标库指标' },
  what: '统计对象', source: '数据来源', range: '时间范围', allTime: '全部时间', from: '开始日期', to: '结束日期', rangeField: '时间范围所按的日期', defaultDate: '数据来源自身的日期',
  sources: { calls: '通话', dials: '外呼任务拨号', moves: '流转和变更', agentStates: '坐席状态' },
  filters: '条件', condition: '条件', value: '取值', addCondition: '添加条件', removeCondition: '移除条件',
  filterOp: {
    eq: '等于', ne: '不等于', gt: '大于', gte: '不小于', lt: '小于', lte: '不大于', in: '属于', nin: '不属于',
    contains: '包含', startsWith: '开头是', between: '介于', isEmpty: '为空', isNotEmpty: '不为空',
  },
  order: '排序与对比', sortBy: '排序依据', noSort: '不排序', direction: '方向', desc: '从大到小', asc: '从小到大',
  limit: '最多行数', compare: '与上一周期对比',
  visual: '图表', visuals: { table: '表格', pivot: '交叉表', bar: '柱状图', line: '折线图', area: '面积图', pie: '饼图', funnel: '漏斗图', kpi: '指标卡', gauge: '仪表盘' },
  chartOptions: { stacked: '堆叠', horizontal: '横向', showValues: '显示数值', trend: '显示与上一周期相比的趋势' },
  preview: '基于真实数据的预览', fixFirst: '请先修正提示的问题，再查看预览。', period: '统计期间：{{from}} 至 {{to}}',
};

export const zhReportView: typeof enReportView = { none: '（空）', empty: '该期间内没有数据。', total: '合计', vsPrevious: '与上一周期相比' };

export const zhRanges: typeof enRanges = {
  today: '今天', yesterday: '昨天', thisWeek: '本周', lastWeek: '上周', last7Days: '最近 7 天',
  last30Days: '最近 30 天', thisMonth: '本月', lastMonth: '上月', custom: '自定义日期',
};

export const zhDashboards: typeof enDashboards = {
  title: '仪表盘', new: '新建仪表盘', empty: '还没有仪表盘',
  emptyHint: '仪表盘把已发布的报表排成网格，供指定角色查看，筛选条件作用于其中每张报表。',
  keyExists: '已有相同键的仪表盘。', tabs: '仪表盘视图', editTab: '设计',
  discardNeverPublished: '这个仪表盘从未发布：放弃草稿会删除它。',
};

export const zhDashboardDesigner: typeof enDashboardDesigner = {
  addTile: '添加报表', chooseReport: '选择已发布的报表…', noReports: '请先发布报表。',
  removeTile: '移除{{name}}', grid: '报表块：拖动可移动，拖动右下角可调整大小',
  emptyGrid: '添加已发布的报表，把它们放到网格上。',
  settings: '仪表盘', filters: '作用于每张报表的筛选', offerRange: '时间范围', defaultRange: '默认', offeredRanges: '可选的时间范围',
  offerTeam: '团队', allTeams: '全部团队', offerTask: '外呼任务', allTasks: '全部任务', roles: '可查看的角色',
  previewWith: '各报表块按筛选的默认值运行，显示的是您可见的数据。',
  tileTitles: '报表块标题',
  tileProblem: '这张报表无法显示：',
};
