import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '公海', en: 'Pool' },
  plural: { zh: '公海', en: 'Pools' },
  description: {
    zh: '公海：客户在哪里等待、谁可以领取、如何分配、何时回收。',
    en: 'Public pools: which customers wait where, who may take them, how they are handed out and when they come back.',
  },
};
