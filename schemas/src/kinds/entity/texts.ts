import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '对象', en: 'Object' },
  plural: { zh: '业务对象', en: 'Objects' },
  description: {
    zh: '业务对象（客户、线索、订单……）是坐席处理的记录类型：它的字段、校验、选项、查重键和卡片布局。',
    en: 'An object (customer, lead, order…) is a kind of record your agents work with: its fields, validation, options, duplicate keys and card layout.',
  },
};
