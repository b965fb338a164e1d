import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '仪表盘', en: 'Dashboard' },
  plural: { zh: '仪表盘', en: 'Dashboards' },
  description: {
    zh: '仪表盘：把已发布的报表排成网格，统一的时间、团队、任务筛选作用于每张报表，并指定哪些角色可以看到；每人看到的仍是自己数据范围内的数字。',
    en: 'Dashboards: published reports laid out on a grid, with date range, team and task filters applied to every report, and the roles that see them; each viewer still sees the figures of their own data scope.',
  },
};
