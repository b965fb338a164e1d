// TELEPHONY=sip: a sip.js user agent in this browser, registered with the agent's own short-lived
// credentials (GET /api/telephony/registration). Calls ring here over SIP/WebSocket and the audio flows
// over WebRTC. No STUN/TURN servers: sip.js would otherwise add a public one, and nothing may leave the
// site's network.
import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, Web, type Session } from 'sip.js';
import { callAction, consultCall, consultStep, dial, registration, transferCall, type CallJson, type Registration } from '$lib/api/calls';
import type { DriverEvents, PhoneDriver } from './driver';

const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 30_000;
const REGISTER_EXPIRES_SEC = 300;
/** renew the credentials this long before they expire */
const RENEW_BEFORE_MS = 10 * 60_000;

type MicError = 'blocked' | 'missing' | null;

function micError(error: unknown): MicError {
	const name = (error as { name?: string } | null)?.name ?? '';
	if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'blocked';
	if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
	return null;
}

/** The runtime names the call in a header of the INVITE it sends the agent (matches the event stream's call id). */
function callIdOf(invitation: Invitation): string | null {
	return invitation.request.getHeader('X-Call-Id') ?? invitation.request.getHeader('X-Telesales-Call') ?? null;
}

export function sipDriver(events: DriverEvents, first: Registration): PhoneDriver {
	let reg: Registration = first;
	let ua: UserAgent | null = null;
	let registerer: Registerer | null = null;
	let stopped = false;
	let retryDelay = RETRY_MIN_MS;
	let retryTimer: ReturnType<typeof setTimeout> | undefined;
	let renewTimer: ReturnType<typeof setTimeout> | undefined;
	let deviceId = '';
	/** call id -> its SIP session */
	const sessions = new Map<string, Session>();
	/** invitations that arrived before (or without) a call id to bind them to */
	const unbound: Invitation[] = [];
	const remoteAudio = typeof Audio === 'undefined' ? null : new Audio();
	if (remoteAudio) remoteAudio.autoplay = true;
	/** Calls this supervisor listens in on (live monitoring): their own audio, apart from the phone's call. */
	const monitoring = new Set<Invitation>();

	const constraints = () => ({ audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false });

	function scheduleRetry(why: 'unreachable' | 'refused' | 'error', detail?: string) {
		events.onlink(why, detail);
		if (stopped) return;
		clearTimeout(retryTimer);
		retryTimer = setTimeout(() => void connect(), retryDelay);
		retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
	}

	function watch(session: Session, callId: string | null) {
		session.stateChange.addListener((state) => {
			if (state === SessionState.Established) {
				const stream = (session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.remoteMediaStream;
				if (remoteAudio && stream) {
					remoteAudio.srcObject = stream;
					void remoteAudio.play().catch(() => undefined);
				}
				events.onmic('ok');
				const id = callId ?? idOf(session);
				if (id) events.oncall?.(id, { status: 'talking' });
			}
			if (state === SessionState.Terminated) {
				const id = callId ?? idOf(session);
				const index = unbound.indexOf(session as Invitation);
				if (index >= 0) unbound.splice(index, 1);
				if (id) {
					sessions.delete(id);
					events.oncall?.(id, { status: 'ended' });
				}
			}
		});
	}

	function monitor(invitation: Invitation) {
		monitoring.add(invitation);
		const audio = typeof Audio === 'undefined' ? null : new Audio();
		invitation.stateChange.addListener((state) => {
			const stream = (invitation.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.remoteMediaStream;
			if (state === SessionState.Established && audio && stream) {
				audio.autoplay = true;
				audio.srcObject = stream;
				void audio.play().catch(() => undefined);
			}
			if (state === SessionState.Terminated) {
				monitoring.delete(invitation);
				if (audio) audio.srcObject = null;
			}
		});
		void withMic(() => invitation.accept({ sessionDescriptionHandlerOptions: { constraints: constraints() } })).catch(() => undefined);
	}

	const idOf = (session: Session) => [...sessions.entries()].find(([, s]) => s === session)?.[0] ?? null;

	function sessionOf(call: CallJson): Session {
		const known = sessions.get(call.id);
		if (known) return known;
		// the INVITE carried no call id: the oldest ringing invitation is this call
		const invitation = unbound.shift();
		if (!invitation) throw new Error('no SIP session for this call');
		sessions.set(call.id, invitation);
		return invitation;
	}

	function scheduleRenew() {
		clearTimeout(renewTimer);
		if (!reg.expiresAt) return;
		const wait = new Date(reg.expiresAt).getTime() - Date.now() - RENEW_BEFORE_MS;
		renewTimer = setTimeout(() => void renew(), Math.max(wait, 60_000));
	}

	/** New credentials (they are short-lived): swap the user agent once no call is up. */
	async function renew() {
		if (stopped) return;
		if (sessions.size || unbound.length || monitoring.size) {
			renewTimer = setTimeout(() => void renew(), 30_000);
			return;
		}
		try {
			reg = await registration();
		} catch {
			renewTimer = setTimeout(() => void renew(), 60_000);
			return;
		}
		await teardown();
		await connect();
	}

	async function teardown() {
		const old = ua;
		ua = null;
		registerer = null;
		if (old) await old.stop().catch(() => undefined);
	}

	async function connect() {
		if (stopped) return;
		if (!reg.wsUrl || !reg.aor) return events.onlink('error', 'registration without wsUrl/aor');
		events.onlink('connecting');
		await teardown();
		const uri = UserAgent.makeURI(reg.aor);
		if (!uri) return events.onlink('error', `bad AOR ${reg.aor}`);
		const agent = new UserAgent({
			uri,
			transportOptions: { server: reg.wsUrl, connectionTimeout: 5 },
			authorizationUsername: reg.username,
			authorizationPassword: reg.password,
			logLevel: 'warn',
			sessionDescriptionHandlerFactoryOptions: {
				peerConnectionConfiguration: { iceServers: [], bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' },
				iceGatheringTimeout: 3000
			},
			delegate: {
				onInvite(invitation) {
					// The runtime rings a supervisor's phone only after they asked to listen in (the wallboard's
					// buttons): answered at once, heard on its own audio element, never the phone bar's call.
					if (invitation.request.getHeader('X-Monitor-Call-Id')) return monitor(invitation);
					const id = callIdOf(invitation);
					if (id) sessions.set(id, invitation);
					else unbound.push(invitation);
					watch(invitation, id);
				},
				onDisconnect(error) {
					if (stopped || ua !== agent) return;
					if (error) scheduleRetry('unreachable', error.message);
				}
			}
		});
		ua = agent;
		try {
			await agent.start();
		} catch (e) {
			if (ua === agent) scheduleRetry('unreachable', (e as Error).message);
			return;
		}
		const r = new Registerer(agent, { expires: REGISTER_EXPIRES_SEC });
		registerer = r;
		r.stateChange.addListener((state) => {
			if (ua !== agent) return;
			if (state === RegistererState.Registered) {
				retryDelay = RETRY_MIN_MS;
				events.onlink('ready');
			}
		});
		await r
			.register({
				requestDelegate: {
					onReject(response) {
						const code = response.message.statusCode ?? 0;
						// 401/403 after the digest answer: the credentials do not verify (expired, disabled agent)
						scheduleRetry(code === 401 || code === 403 ? 'refused' : 'error', `${code} ${response.message.reasonPhrase ?? ''}`.trim());
						if (code === 401 || code === 403) void registration().then((next) => (reg = next)).catch(() => undefined);
					}
				}
			})
			.catch((e: Error) => scheduleRetry('unreachable', e.message));
		scheduleRenew();
	}

	function sdh(session: Session): Web.SessionDescriptionHandler | null {
		const handler = session.sessionDescriptionHandler;
		return handler instanceof Web.SessionDescriptionHandler ? handler : null;
	}

	async function withMic<T>(work: () => Promise<T>): Promise<T> {
		try {
			return await work();
		} catch (e) {
			const mic = micError(e);
			if (mic) events.onmic(mic, (e as Error).message);
			throw e;
		}
	}

	return {
		mode: 'sip',
		async start() {
			stopped = false;
			await connect();
		},
		async stop() {
			stopped = true;
			clearTimeout(retryTimer);
			clearTimeout(renewTimer);
			await registerer?.unregister().catch(() => undefined);
			for (const m of monitoring) if (m.state === SessionState.Established) void m.bye().catch(() => undefined);
			monitoring.clear();
			await teardown();
			sessions.clear();
			unbound.length = 0;
		},
		async answer(call) {
			const session = sessionOf(call);
			if (!(session instanceof Invitation)) return;
			await withMic(() => session.accept({ sessionDescriptionHandlerOptions: { constraints: constraints() } }));
		},
		async hangup(call) {
			const session = sessions.get(call.id) ?? unbound[0];
			if (!session) return;
			if (session.state === SessionState.Established) await session.bye();
			else if (session instanceof Inviter) await session.cancel();
			else if (session instanceof Invitation && session.state === SessionState.Initial) await session.reject();
		},
		// hold and mute act on the runtime's media bridge (it relays this call's audio): no re-INVITE, the caller
		// hears the runtime's hold audio, and the answer is the call as the server now has it
		hold: (call, on) => callAction(call.id, on ? 'hold' : 'unhold'),
		mute: (call, on) => callAction(call.id, on ? 'mute' : 'unmute'),
		async dtmf(call, digits) {
			const session = sessionOf(call);
			// RFC 4733 in the media when the connection offers it; SIP INFO otherwise
			if (sdh(session)?.sendDtmf(digits)) return;
			for (const tone of digits) {
				await session.info({
					requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160` } }
				});
			}
		},
		// transfers and conferences happen on the runtime's bridge too: it INVITEs the other agent's phone and
		// drops or mixes legs; this phone's own session simply ends (BYE) when the caller has been handed over
		transfer: (call, target) => transferCall(call.id, target),
		consult: (call, target) => consultCall(call.id, target),
		consultStep: (call, step) => consultStep(call.id, step),
		async dial(what) {
			if (!ua) throw new Error('SIP is not connected');
			const { callId, token, call } = await dial(what);
			const target = UserAgent.makeURI(`sip:${token}@${reg.domain}`);
			if (!target) throw new Error('bad dial token');
			const inviter = new Inviter(ua, target, {
				extraHeaders: [`X-Call-Id: ${callId}`],
				sessionDescriptionHandlerOptions: { constraints: constraints() }
			});
			sessions.set(callId, inviter);
			watch(inviter, callId);
			await withMic(() => inviter.invite());
			return { callId, call };
		},
		setMicrophone(id) {
			deviceId = id;
		},
		localStream() {
			for (const session of sessions.values()) {
				const stream = sdh(session)?.localMediaStream;
				if (stream && session.state === SessionState.Established) return stream;
			}
			return null;
		}
	};
}
