import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '报表', en: 'Report' },
  plural: { zh: '报表', en: 'Reports' },
  description: {
    zh: '报表：统计什么（客户、通话、拨号、流转、坐席状态）、按什么分组、算哪些指标，以及用表格还是图表展示；每人只看到自己数据范围内的数字。',
    en: 'Reports: what is counted (records, calls, dials, moves, agent states), grouped by what, which figures, shown as a table or a chart; each viewer sees the figures of their own data scope.',
  },
};
