export { SipEndpoint, EndpointCall, type SipEndpointOptions, type EndpointCredentials, type PlayOutcome, type DtmfSource } from './endpoint.js';
export { WeriftMedia, type WeriftMediaOptions } from './werift-media.js';
export { PlainRtpMedia, parseAudioSdp, type PlainRtpOptions } from './plain-rtp-media.js';
export type { CallMediaSession } from './call-media.js';
export { renderSpeech, missingSpeechPrograms, TTS_VOICES, type SpeechOptions } from './tts.js';
export { loadUlaw, DtmfDecoder, infoDigits, telephoneEvent, FRAME_BYTES, FRAME_MS } from './audio.js';
export { MediaBridge, HOLD_AUDIO } from './bridge.js';
export { CallRecorder } from './recorder.js';
export { linearToUlaw, ulawToLinear, mixUlaw } from './g711.js';
