import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '坐席状态', en: 'Agent states' },
  plural: { zh: '坐席状态', en: 'Agent states' },
  description: {
    zh: '坐席状态：有且只有一个就绪状态接收来电；通话中与话后处理由系统自动切换。',
    en: 'Agent states: exactly one ready state receives calls; busy and after-call work are taken automatically.',
  },
};
