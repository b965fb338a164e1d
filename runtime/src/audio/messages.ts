import type { Locale } from '@telesales/schemas';

type Params = Record<string, string | number>;
type Message = { zh: (p: Params) => string; en: (p: Params) => string };

/** What the audio prompts API says, in both UI languages. */
const MESSAGES = {
  forbidden_audio: { zh: () => '只有定义管理员可以管理录音提示音', en: () => 'Only people who manage definitions may manage audio prompts' },
  no_audio_file: { zh: () => '请上传一个音频文件（WAV、MP3、OGG、FLAC 等）', en: () => 'Upload an audio file (WAV, MP3, OGG, FLAC...)' },
  not_audio: {
    zh: () => '无法识别为音频：请上传 WAV、MP3、OGG 或 FLAC 文件',
    en: () => 'The file is not audio we can read: upload a WAV, MP3, OGG or FLAC file',
  },
  audio_too_big: { zh: (p) => `文件太大：最大 ${p.mb} MB`, en: (p) => `The file is too big: at most ${p.mb} MB` },
  audio_too_long: { zh: (p) => `录音太长：最长 ${p.minutes} 分钟`, en: (p) => `The recording is too long: at most ${p.minutes} minutes` },
  audio_empty: { zh: () => '录音没有声音内容（时长为 0）', en: () => 'The recording is empty (no duration)' },
  audio_not_found: { zh: () => '录音提示音不存在', en: () => 'The audio prompt does not exist' },
  audio_in_use: {
    zh: (p) => `录音提示音正被已发布的流程使用：${p.flows}`,
    en: (p) => `The audio prompt is used by published flows: ${p.flows}`,
  },
} satisfies Record<string, Message>;

export type AudioMessage = keyof typeof MESSAGES;

export function text(code: AudioMessage, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale](params);
}
