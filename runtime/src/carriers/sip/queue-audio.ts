import { FRAME_BYTES, HOLD_AUDIO, TTS_VOICES, loadUlaw, renderSpeech, type EndpointCall } from '@telesales/telephony/endpoint/index';
import { existingPromptFile } from '../../audio/prompts.js';
import { callsCollection, type CallDoc } from '../../calls/call-doc.js';
import type { CallsService } from '../../calls/service.js';
import type { QueueWait } from '../carrier.js';

/** Music before the first announcement: a call an agent takes at once hears no position. */
const FIRST_ANNOUNCE_MS = 2000;
/** Music is played in slices this long: between them the loop sees whether the call still waits. */
const SLICE_MS = 1000;
const BYTES_PER_MS = 8;

const POSITION_TEXT = {
  zh: (n: number) => `您现在排在第${n}位，请稍候。`,
  en: (n: number) => `You are number ${n} in the queue. Please hold.`,
};

/**
 * What a caller hears while waiting in a skill-group queue: the flow's hold music (an uploaded prompt, looped;
 * the built-in hold tones when it has none or the file is missing) and, every `announcePositionSec`
 * seconds of it, their position read by text-to-speech in the call's language. The loop only ever plays
 * while the call is queued or ringing and nothing else plays to the caller: a prompt, the agent's bridge or
 * the end of the call stops it (the lifecycle stops it, `queueWait(callId, null)`, as soon as the flow leaves the queue's waiting phase).
 */
export class QueueAudio {
  private readonly runs = new Map<string, { stopped: boolean }>();

  constructor(
    private readonly svc: CallsService,
    private readonly callOf: (callId: string) => EndpointCall | undefined,
    private readonly ttsCacheDir: string,
  ) {}

  start(callId: string, wait: QueueWait): void {
    this.stop(callId);
    const run = { stopped: false };
    this.runs.set(callId, run);
    // Not tracked by the calls service: it runs as long as the caller waits, and `settled()` must not wait for it.
    void this.loop(callId, wait, run)
      .catch((err) => this.svc.app.log.warn({ err, callId }, 'queue audio stopped on an error'))
      .finally(() => { if (this.runs.get(callId) === run) this.runs.delete(callId); });
  }

  /** The call left the queue's waiting phase (answered, overflow, hang-up): silence at once, before any bridge. */
  stop(callId: string): void {
    const run = this.runs.get(callId);
    if (!run) return;
    run.stopped = true;
    this.runs.delete(callId);
    this.callOf(callId)?.stopPlayback();
  }

  stopAll(): void {
    for (const callId of [...this.runs.keys()]) this.stop(callId);
  }

  private async loop(callId: string, wait: QueueWait, run: { stopped: boolean }): Promise<void> {
    const music = await this.music(wait.holdMusic);
    const everyMs = (wait.announcePositionSec ?? 0) * 1000;
    let untilAnnounce = everyMs ? Math.min(FIRST_ANNOUNCE_MS, everyMs) : Infinity;
    let offset = 0;
    while (!run.stopped) {
      const call = this.callOf(callId);
      const doc = await this.svc.call(callId);
      if (run.stopped || !call || call.endedBy || !doc || (doc.status !== 'queued' && doc.status !== 'ringing')) return;
      let samples: Buffer | null;
      if (untilAnnounce <= 0) {
        untilAnnounce = everyMs;
        samples = await this.announcement(doc);
        if (!samples) continue;
      } else {
        const ms = Math.min(SLICE_MS, untilAnnounce);
        const length = Math.min(music.length - offset, Math.max(FRAME_BYTES, Math.round((ms * BYTES_PER_MS) / FRAME_BYTES) * FRAME_BYTES));
        samples = music.subarray(offset, offset + length);
        offset = (offset + length) % music.length;
        untilAnnounce -= length / BYTES_PER_MS;
      }
      // Something else plays to the caller (a flow prompt): it wins, the queue audio ends.
      if (run.stopped || call.playing) return;
      // 'stopped' while still waiting is a key pressed after a prompt the caller could interrupt: go on.
      if ((await call.playSamples(samples)) === 'ended') return;
    }
  }

  private async music(id: string | undefined): Promise<Buffer> {
    if (!id) return HOLD_AUDIO;
    const file = await existingPromptFile(id);
    try {
      const samples = file ? await loadUlaw(file) : null;
      if (samples && samples.length >= FRAME_BYTES) return samples;
    } catch (err) {
      this.svc.app.log.warn({ err, audio: id }, 'hold music unreadable: built-in hold tones instead');
      return HOLD_AUDIO;
    }
    this.svc.app.log.warn({ audio: id }, 'hold music not uploaded: built-in hold tones instead');
    return HOLD_AUDIO;
  }

  /** "You are number n": n counts the calls waiting in the same group since before this one. Null while it rings. */
  private async announcement(doc: CallDoc): Promise<Buffer | null> {
    if (doc.status !== 'queued' || !doc.queue || !doc.queuedAt) return null;
    const ahead = await callsCollection(this.svc.app.db).countDocuments({ status: 'queued', queue: doc.queue, queuedAt: { $lt: doc.queuedAt } });
    const language = doc.flowState?.language ?? 'zh';
    try {
      const file = await renderSpeech(POSITION_TEXT[language](ahead + 1), TTS_VOICES[language] ?? 'en-us', { cacheDir: this.ttsCacheDir });
      return await loadUlaw(file);
    } catch (err) {
      this.svc.app.log.warn({ err }, 'position announcement: text-to-speech failed');
      return null;
    }
  }
}
