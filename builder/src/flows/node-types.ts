import type { FlowNodeType } from '@telesales/schemas';

/** Palette order: how a call usually goes, from where it comes in to where it ends. */
export const NODE_TYPES = [
  'entry', 'hours', 'language', 'play', 'menu', 'gather', 'condition', 'setVariable', 'lookup', 'http',
  'queue', 'transfer', 'voicemail', 'survey', 'subflow', 'return', 'hangup',
] as const satisfies readonly FlowNodeType[];

/** A short glyph per type (text, not an icon font: it renders the same everywhere, headless browsers included). */
export const NODE_GLYPHS: Record<FlowNodeType, string> = {
  entry: '☎', play: '▶', menu: '☰', gather: '#', condition: '◇', hours: '◷', setVariable: '=', lookup: '⌕',
  http: '⇄', queue: '⋯', transfer: '↪', voicemail: '✉', survey: '★', language: '文', subflow: '⤷', return: '↩', hangup: '✕',
};

/**
 * The glyphs that are letters of a language (文, the sign for "language" in either UI), so the page says which:
 * the browser then draws it with a Chinese font, not a Japanese one, in the English UI.
 */
export const glyphLang = (type: FlowNodeType): string | undefined => (type === 'language' ? 'zh' : undefined);

/** Palette groups, so seventeen types read as four kinds of step. */
export const NODE_GROUPS: { key: string; types: FlowNodeType[] }[] = [
  { key: 'start', types: ['entry', 'hours', 'language'] },
  { key: 'caller', types: ['play', 'menu', 'gather', 'survey', 'voicemail'] },
  { key: 'logic', types: ['condition', 'setVariable', 'lookup', 'http', 'subflow'] },
  { key: 'route', types: ['queue', 'transfer', 'return', 'hangup'] },
];

const emptyPrompt = () => ({ text: {} });

/**
 * Settings a new node starts with: valid where a sensible default exists (timeouts, retries, a weekday
 * schedule), left empty where only the designer knows (prompt texts, numbers), so the markers say what to fill.
 */
export function defaultConfig(type: FlowNodeType): Record<string, unknown> {
  switch (type) {
    case 'entry':
      return { numbers: [] };
    case 'play':
      return { prompt: emptyPrompt(), bargeIn: false };
    case 'menu':
      return { prompt: emptyPrompt(), options: ['1', '2'], timeoutSec: 5, retries: 2 };
    case 'gather':
      return { prompt: emptyPrompt(), minDigits: 1, maxDigits: 4, finishOnKey: '#', timeoutSec: 5, retries: 2, variable: 'digits' };
    case 'condition':
      return { cases: [{ port: 'true', expression: '' }] };
    case 'hours': {
      const day = [{ from: '09:00', to: '18:00' }];
      return { timeZone: 'Asia/Shanghai', week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] } };
    }
    case 'setVariable':
      return { assignments: [{ variable: 'result', expression: '' }] };
    case 'lookup':
      return { entity: 'customer', variable: 'customer' };
    case 'http':
      return { method: 'GET', url: 'https://', timeoutMs: 3000, mapping: [] };
    case 'queue':
      return { skillGroup: '', maxWaitSec: 120 };
    case 'transfer':
      return { target: { type: 'group', ref: '' } };
    case 'voicemail':
      return { prompt: emptyPrompt(), maxSec: 60 };
    case 'survey':
      return { prompt: emptyPrompt(), min: 1, max: 5, variable: 'satisfaction' };
    case 'language':
      return { prompt: emptyPrompt(), options: [{ digit: '1', language: 'zh' }, { digit: '2', language: 'en' }] };
    case 'subflow':
      return { flow: '', version: 'latest' };
    case 'return':
    case 'hangup':
      return {};
  }
}
