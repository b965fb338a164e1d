// Run by sip-register.test.ts as `unshare -n node sip-register-run.mjs`: a network namespace that holds only
// loopback, so nothing here can reach another machine. Starts Kamailio through the package's API (alone: no
// runtime, no database), tries registrations with good and bad ephemeral credentials, makes one call between two
// registered users (signalling only: stub SDP, no RTP) and prints one JSON line with what happened.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { startKamailio, sipCredentials } from '@telesales/telephony';
import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';
import { runInStage, timeout } from './sip-stage.mjs';

const TTL = 3600;
const secret = randomBytes(24).toString('base64url');
const TRUNK = '127.0.0.2';

/** Plain RTP/AVP SDP and no media: enough for Kamailio to relay INVITE/200/ACK/BYE. */
class StubSdh {
  constructor(port) { this.port = port; }
  close() {}
  hasDescription(type) { return type === 'application/sdp'; }
  async getDescription() {
    const sdp = ['v=0', `o=- ${this.port} 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
      `m=audio ${this.port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
    return { body: sdp, contentType: 'application/sdp' };
  }
  async setDescription() {}
  sendDtmf() { return false; }
}
let nextPort = 40000;

/** One INVITE without credentials over UDP from a given source address: the final status it gets. */
function bareInvite(domain, from, user) {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.bind(0, from, () => {
      const { port } = socket.address();
      const tag = randomBytes(4).toString('hex');
      const message = [`INVITE sip:${user}@${domain} SIP/2.0`, `Via: SIP/2.0/UDP ${from}:${port};branch=z9hG4bK${tag};rport`, 'Max-Forwards: 70',
        `From: <sip:caller@${from}>;tag=${tag}`, `To: <sip:${user}@${domain}>`, `Call-ID: ${tag}@${from}`, 'CSeq: 1 INVITE',
        `Contact: <sip:caller@${from}:${port}>`, 'Content-Length: 0', '', ''].join('\r\n');
      socket.on('message', (buffer) => {
        const status = Number(buffer.toString('utf8').split(' ', 2)[1]);
        if (status >= 200) { socket.close(); resolve(status); }
      });
      socket.send(message, 5060, '127.0.0.1');
    });
  });
}

/** sip.js UAs with stub SDP, stopped at the end. */
const agents = [];
async function userAgent(server, aorUser, credentials, delegate) {
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${aorUser}@${server.domain}`),
    authorizationUsername: credentials.username,
    authorizationPassword: credentials.password,
    transportOptions: { server: server.wsUrl },
    sessionDescriptionHandlerFactory: () => new StubSdh((nextPort += 2)),
    logLevel: 'error',
    delegate,
  });
  await ua.start();
  agents.push(ua);
  return ua;
}

/** 200 when the registration held, otherwise the final status Kamailio answered. */
async function register(ua) {
  const registerer = new Registerer(ua, { expires: 300 });
  const outcome = new Promise((resolve) => {
    registerer.stateChange.addListener((state) => { if (state === RegistererState.Registered) resolve(200); });
    registerer.register({ requestDelegate: { onReject: (response) => resolve(response.message.statusCode) } }).catch(() => resolve(-1));
  });
  return { registerer, status: await Promise.race([outcome, timeout(5000, 'REGISTER')]) };
}

await runInStage(async (run) => {
  const { result } = run;
  const server = (run.stage = { server: await startKamailio({ secret, wsPort: 8080, sipPort: 5060, trunkSources: [TRUNK] }) }).server;
  const domain = server.domain;
  Object.assign(result, { domain, wsUrl: server.wsUrl });
  run.cleanup = async () => {
    for (const ua of agents) await ua.stop().catch(() => {});
    // Kamailio's reasons for the refusals, while its log is still there (on failure runInStage keeps its tail).
    if (!result.error) result.refusals = server.log().split('\n').filter((l) => l.includes('AUTH refused')).map((l) => l.replace(/^.*AUTH refused /, ''));
  };
  const alice = await userAgent(server, 'alice', sipCredentials(secret, 'alice', TTL));
  const aliceReg = await register(alice);
  result.registrations.valid = aliceReg.status;

  const wrong = sipCredentials(secret, 'mallory', TTL);
  result.registrations.wrongPassword = (await register(await userAgent(server, 'mallory', { ...wrong, password: sipCredentials('not-the-secret', 'mallory', TTL).password }))).status;

  const expired = sipCredentials(secret, 'carol', TTL, new Date(Date.now() - 2 * TTL * 1000));
  result.registrations.expired = (await register(await userAgent(server, 'carol', expired))).status;

  // Valid credentials, but for another user than the address being registered.
  result.registrations.someoneElses = (await register(await userAgent(server, 'alice', sipCredentials(secret, 'dave', TTL)))).status;

  let resolveCallee;
  const calleeDone = new Promise((resolve) => { resolveCallee = resolve; });
  const call = result.call;
  const bob = await userAgent(server, 'bob', sipCredentials(secret, 'bob', TTL), {
    onInvite(invitation) {
      call.calleeSawFrom = invitation.remoteIdentity.uri.user;
      call.calleeSawSdp = (invitation.body ?? '').includes('m=audio');
      invitation.stateChange.addListener((state) => { if (state === SessionState.Terminated) resolveCallee(); });
      invitation.accept();
    },
  });
  const bobReg = await register(bob);
  result.registrations.callee = bobReg.status;

  const inviter = new Inviter(alice, UserAgent.makeURI(`sip:bob@${domain}`));
  const states = [];
  const established = new Promise((resolve) => inviter.stateChange.addListener((s) => { states.push(s); if (s === SessionState.Established) resolve(true); }));
  const callerDone = new Promise((resolve) => inviter.stateChange.addListener((s) => s === SessionState.Terminated && resolve()));
  await inviter.invite({ requestDelegate: { onReject: (r) => { call.rejected = r.message.statusCode; } } });
  call.established = await Promise.race([established, timeout(5000, 'INVITE')]);
  await inviter.bye();
  await Promise.race([Promise.all([callerDone, calleeDone]), timeout(5000, 'BYE')]);
  call.states = states;
  call.bothEnded = true;

  // A call to a user nobody registered, from a registered user: refused, not relayed anywhere.
  const nobody = new Inviter(alice, UserAgent.makeURI(`sip:nobody@${domain}`));
  call.unknownUser = await Promise.race([
    new Promise((resolve) => nobody.invite({ requestDelegate: { onReject: (r) => resolve(r.message.statusCode) } }).catch(() => resolve(-1))),
    timeout(5000, 'INVITE nobody'),
  ]);

  // Calls without credentials: challenged from an ordinary address, let through from the trusted trunk.
  result.bareInvite = {
    untrusted: await Promise.race([bareInvite(domain, '127.0.0.1', 'nobody'), timeout(5000, 'bare INVITE')]),
    trunk: await Promise.race([bareInvite(domain, TRUNK, 'nobody'), timeout(5000, 'trunk INVITE')]),
  };

  // The runtime's endpoint registers as `runtime`: calls to users nobody registered (entry numbers,
  // click-to-call tokens) reach it, with the dialled user still in the To header.
  const endpointCall = {};
  let resolveEndpoint;
  const endpointDone = new Promise((resolve) => { resolveEndpoint = resolve; });
  const endpoint = await userAgent(server, 'runtime', sipCredentials(secret, 'runtime', TTL), {
    onInvite(invitation) {
      endpointCall.to = invitation.request.to.uri.user;
      endpointCall.from = invitation.remoteIdentity.uri.user;
      invitation.stateChange.addListener((state) => { if (state === SessionState.Terminated) resolveEndpoint(); });
      invitation.accept();
    },
  });
  const endpointReg = await register(endpoint);
  endpointCall.registered = endpointReg.status;
  const toEntry = new Inviter(alice, UserAgent.makeURI(`sip:4008001234@${domain}`));
  const entryEstablished = new Promise((resolve) => toEntry.stateChange.addListener((s) => s === SessionState.Established && resolve(true)));
  await toEntry.invite();
  endpointCall.established = await Promise.race([entryEstablished, timeout(5000, 'INVITE entry number')]);
  await toEntry.bye();
  await Promise.race([endpointDone, timeout(5000, 'BYE entry number')]);
  result.endpointCall = endpointCall;
  await endpointReg.registerer.unregister().catch(() => {});

  await aliceReg.registerer.unregister().catch(() => {});
  await bobReg.registerer.unregister().catch(() => {});
}, { registrations: {}, call: {} });
