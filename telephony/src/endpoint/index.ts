export { SipEndpoint, EndpointCall, type SipEndpointOptions, type EndpointCredentials, type PlayOutcome, type DtmfSource } from './endpoint.js';
export { WeriftMedia, type WeriftMediaOptions } from './werift-media.js';
export { renderSpeech, missingSpeechPrograms, TTS_VOICES, type SpeechOptions } from './tts.js';
export { loadUlaw, DtmfDecoder, infoDigits, telephoneEvent, FRAME_BYTES, FRAME_MS } from './audio.js';
export { MediaBridge, CallRecorder } from './bridge.js';
