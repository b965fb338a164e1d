import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '通话结果', en: 'Call outcomes' },
  plural: { zh: '通话结果', en: 'Call outcomes' },
  description: {
    zh: '通话结果（小结）：坐席每通电话后选择的结果，以及每个结果对坐席的要求。',
    en: 'Call outcomes (dispositions): what agents pick after each call, and what each one asks of them.',
  },
};
