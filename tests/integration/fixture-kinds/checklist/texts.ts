import type { KindTexts } from '@telesales/schemas';

export const texts: KindTexts = {
  label: { zh: '检查单', en: 'Checklist' },
  plural: { zh: '检查单', en: 'Checklists' },
  description: { zh: '通话中要逐项确认的事项。', en: 'What an agent confirms, item by item, on a call.' },
};
