import type { Locale } from '@telesales/schemas';

type Message = { zh: () => string; en: () => string };

/** What the export API says, in both UI languages: its refusal and the system columns' headers. */
const MESSAGES = {
  forbidden_export: { zh: () => '您的角色不能导出此类记录', en: () => 'Your role may not export these records' },
  col_owner: { zh: () => '负责人', en: () => 'Owner' },
  col_pool: { zh: () => '公海', en: () => 'Pool' },
  col_created: { zh: () => '创建时间', en: () => 'Created' },
  col_updated: { zh: () => '更新时间', en: () => 'Updated' },
  yes: { zh: () => '是', en: () => 'Yes' },
  no: { zh: () => '否', en: () => 'No' },
} satisfies Record<string, Message>;

export type ExportMessageCode = keyof typeof MESSAGES;

export function text(code: ExportMessageCode, locale: Locale): string {
  return MESSAGES[code][locale]();
}
