import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '流程', en: 'Flow' },
  plural: { zh: '呼叫流程', en: 'Call flows' },
  description: {
    zh: '呼入流程（IVR）：在画布上设计，用模拟来电测试，然后发布。',
    en: 'Inbound call flows (IVR): design them on a canvas, test them with a simulated call, publish them.',
  },
};
