import { join, resolve } from 'node:path';
import { CallRecorder, linearToUlaw, type EndpointCall } from '@telesales/telephony/endpoint/index';
import type { CallsService } from '../../calls/service.js';
import type { CarrierHost } from '../carrier.js';

/** The tone before recording: 1 kHz for 0.4 s (callers know to speak after it). */
const BEEP: Buffer = Buffer.from(Array.from({ length: 3200 }, (_, i) => linearToUlaw(8000 * Math.min(1, i / 80, (3200 - i) / 80) * Math.sin((2 * Math.PI * 1000 * i) / 8000))));
/** Key that ends a message early (then the flow goes on). */
const END_KEY = '#';

interface Message {
  recorder: CallRecorder;
  stopListening: () => void;
  timer: NodeJS.Timeout;
  done: boolean;
}

/**
 * TELEPHONY=sip: the flow's voicemail node records the caller. After a beep, what the caller says is kept (mono
 * 8 kHz mu-law WAV in `DATA_DIR/voicemail`, on the call as its recording, played in the console like a recorded
 * conversation) until they press #, the node's maximum length is reached (the flow then goes on, with the file
 * in its variable), or they hang up (most messages end that way: the message is kept all the same).
 */
export class VoicemailRecorder {
  private readonly messages = new Map<string, Message>();
  readonly dir: string;

  constructor(private readonly svc: CallsService, private readonly host: CarrierHost, dir?: string) {
    this.dir = dir ?? join(resolve(process.env.DATA_DIR ?? '.data'), 'voicemail');
  }

  /** Beep, then record `call` for at most `maxSec` seconds. */
  start(callId: string, call: EndpointCall, maxSec: number): void {
    this.svc.track((async () => {
      if ((await call.playSamples(BEEP)) === 'ended' || call.endedBy) return;
      const recorder = new CallRecorder(1);
      const message: Message = {
        recorder, done: false,
        stopListening: call.onAudio((payload) => recorder.push(0, payload)),
        timer: setTimeout(() => this.svc.track(this.finish(callId, 'full')), maxSec * 1000),
      };
      this.messages.set(callId, message);
    })());
  }

  /** A key the caller pressed: # ends the message (true: it was for the recorder). */
  key(callId: string, key: string): boolean {
    if (key !== END_KEY || !this.messages.has(callId)) return false;
    this.svc.track(this.finish(callId, 'key'));
    return true;
  }

  /** The caller hung up: whatever they said is kept. */
  callEnded(callId: string): void {
    if (this.messages.has(callId)) this.svc.track(this.finish(callId, 'hangup'));
  }

  private async finish(callId: string, why: 'full' | 'key' | 'hangup'): Promise<void> {
    const message = this.messages.get(callId);
    if (!message || message.done) return;
    message.done = true;
    this.messages.delete(callId);
    clearTimeout(message.timer);
    message.stopListening();
    const name = `${callId}.wav`;
    let file: string | undefined;
    try {
      await message.recorder.save(join(this.dir, name));
      file = `voicemail/${name}`;
      await this.svc.update(callId, { recording: { file }, voicemailSec: Math.round(message.recorder.seconds) });
    } catch (err) {
      this.svc.app.log.warn({ err, callId }, 'could not store the voicemail message');
    }
    if (why === 'hangup') return; // the flow has heard the caller leave
    this.host.recordingDone(callId, file);
  }

  stop(): void {
    for (const callId of [...this.messages.keys()]) void this.finish(callId, 'hangup');
  }
}
