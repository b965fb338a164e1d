import type { KindTexts } from '../kind.js';

export const texts: KindTexts = {
  label: { zh: '角色', en: 'Role' },
  plural: { zh: '角色', en: 'Roles' },
  description: {
    zh: '每个角色对每个业务对象的权限、数据范围以及管理权限。',
    en: 'What each role may do with each object, whose records it sees, and its administration rights.',
  },
};
