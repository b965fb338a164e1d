import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '外呼任务', en: 'Outbound task' },
  plural: { zh: '外呼任务', en: 'Outbound tasks' },
  description: {
    zh: '外呼任务：名单、坐席、呼叫时段、外呼模式与并发上限、话术，以及每种结果之后如何处理。',
    en: 'Outbound tasks: the number list, agents, calling windows, dial mode and limits, the script, and what each outcome leads to.',
  },
};
