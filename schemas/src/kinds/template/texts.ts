import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '模板', en: 'Template' },
  plural: { zh: '模板', en: 'Templates' },
  description: {
    zh: '行业模板：它安装的定义、团队、演示用户、技能组和演示数据。',
    en: 'An industry pack: the definitions it installs, its teams, demo users, skill groups and demo data.',
  },
};
