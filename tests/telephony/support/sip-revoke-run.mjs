// Run by sip-revoke.test.ts as `unshare -n node sip-revoke-run.mjs`: a network namespace holding only loopback.
// Kamailio and the runtime (TELEPHONY=sip, its SIP_RPC_URL Kamailio's JSON-RPC); agent1 and agent2 register with
// the credentials GET /api/telephony/registration hands out. The admin disables agent1 through the API, then
// enables them again; later Kamailio is restarted while agent2 is disabled, and then the runtime too. Signalling
// only (stub SDP, no RTP).
// Prints one JSON line with what happened.
import { randomBytes } from 'node:crypto';
import { KamailioRpc, kamailioRpcToken, startKamailio } from '@telesales/telephony';
import { buildApp } from '@telesales/runtime/app';
import { KamailioRevocation } from '@telesales/runtime/sip/revocation';
import { Inviter, Registerer, RegistererState, UserAgent } from 'sip.js';
import { runInStage, signIn, startStage, timeout, until } from './sip-stage.mjs';

const secret = randomBytes(24).toString('base64url');

/** Plain RTP/AVP SDP and no media: enough for Kamailio to relay an INVITE. */
class StubSdh {
  close() {}
  hasDescription(type) { return type === 'application/sdp'; }
  async getDescription() {
    const sdp = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', ''].join('\r\n');
    return { body: sdp, contentType: 'application/sdp' };
  }
  async setDescription() {}
  sendDtmf() { return false; }
}

const uas = [];
/** A softphone with the given registration (the API's answer); it rejects every call with 486 and counts them. */
async function softphone(server, registration) {
  const phone = { invites: 0 };
  phone.ua = new UserAgent({
    uri: UserAgent.makeURI(registration.aor),
    authorizationUsername: registration.username, authorizationPassword: registration.password,
    transportOptions: { server: server.wsUrl }, logLevel: 'error',
    sessionDescriptionHandlerFactory: () => new StubSdh(),
    delegate: { onInvite: (invitation) => { phone.invites++; void invitation.reject({ statusCode: 486 }); } },
  });
  await phone.ua.start();
  uas.push(phone.ua);
  /** 200 when the registration held, otherwise Kamailio's final status and reason. */
  phone.register = () => Promise.race([new Promise((resolve) => {
    const registerer = new Registerer(phone.ua, { expires: 300 });
    registerer.stateChange.addListener((s) => { if (s === RegistererState.Registered) resolve({ status: 200 }); });
    registerer.register({ requestDelegate: { onReject: (r) => resolve({ status: r.message.statusCode, reason: r.message.reasonPhrase }) } })
      .catch(() => resolve({ status: -1 }));
  }), timeout(5000, `REGISTER ${registration.aor}`)]);
  /** The final status of a call to `aor` (every callee here answers 486). */
  phone.call = (aor) => Promise.race([new Promise((resolve) => {
    new Inviter(phone.ua, UserAgent.makeURI(aor)).invite({ requestDelegate: { onReject: (r) => resolve({ status: r.message.statusCode, reason: r.message.reasonPhrase }) } })
      .catch(() => resolve({ status: -1 }));
  }), timeout(5000, `INVITE ${aor}`)]);
  return phone;
}

await runInStage(async (run) => {
  const { result, mark } = run;
  run.cleanup = async () => { for (const ua of uas) await ua.stop().catch(() => {}); };
  const stage = run.stage = await startStage('sip-revoke', secret);
  const { app } = stage;
  const rpc = new KamailioRpc(stage.server.rpcUrl, kamailioRpcToken(secret));
  const registered = (aor) => rpc.call('ul.lookup', 'location', aor).then(() => true, () => false);

  const admin = await signIn(app, 'admin', 'admin123');
  const agent = await signIn(app, 'agent1', 'agent123');
  const other = await signIn(app, 'agent2', 'agent123');
  const credentials = (await agent.api('GET', '/api/telephony/registration')).body;
  const otherCredentials = (await other.api('GET', '/api/telephony/registration')).body;
  const aor = `${agent.user.id}@${stage.server.domain}`;
  const phone = await softphone(stage.server, credentials);
  const otherPhone = await softphone(stage.server, otherCredentials);
  await otherPhone.register();

  result.before = { register: await phone.register(), registered: await registered(aor), callToAgent: await otherPhone.call(credentials.aor), callFromAgent: await phone.call(otherCredentials.aor) };

  const disable = await admin.api('PATCH', `/api/users/${agent.user.id}`, { disabled: true });
  const invitesBefore = phone.invites;
  result.disabled = {
    response: { status: disable.status, disabled: disable.body.disabled },
    blocked: (await rpc.blocked()).includes(agent.user.id),
    registered: await registered(aor),
    callToAgent: await otherPhone.call(credentials.aor),
    // The same, still unexpired credentials, from a fresh softphone and from the one already connected.
    register: await (await softphone(stage.server, credentials)).register(),
    callFromAgent: await phone.call(otherCredentials.aor),
    newCredentials: (await agent.api('GET', '/api/telephony/registration')).status,
  };
  result.disabled.agentRang = phone.invites - invitesBefore;

  const enable = await admin.api('PATCH', `/api/users/${agent.user.id}`, { disabled: false });
  result.enabled = {
    response: { status: enable.status, disabled: enable.body.disabled },
    blocked: (await rpc.blocked()).includes(agent.user.id),
    register: await (await softphone(stage.server, credentials)).register(),
    registered: await registered(aor),
    callToAgent: await otherPhone.call(credentials.aor),
  };

  // The resync mends what Kamailio holds wrongly: an enabled user left on its list is taken off.
  await rpc.block(agent.user.id);
  result.resync = { ok: await app.sip.revocation.resync(), blocked: await rpc.blocked() };
  // Enabling someone who was never blocked (an edit form sends disabled: false) is nothing to warn about.
  const warnings = [];
  const quiet = new KamailioRevocation({ db: app.db, url: stage.server.rpcUrl, secret, domain: stage.server.domain, log: { warn: (_, m) => warnings.push(m), info: () => {} } });
  await quiet.userChanged(other.user.id, false);
  quiet.close();
  result.resync.warnings = warnings;

  // Kamailio is down when agent2 is disabled: the admin's request still succeeds, and once Kamailio is back
  // (a fresh one: its list is empty) the runtime's retry blocks agent2 there without anyone asking.
  for (const ua of uas.splice(0)) await ua.stop().catch(() => {});
  await stage.server.stop();
  const started = Date.now();
  const offline = await admin.api('PATCH', `/api/users/${other.user.id}`, { disabled: true });
  result.offline = { status: offline.status, disabled: offline.body.disabled, ms: Date.now() - started };
  stage.server = await startKamailio({ secret, wsPort: 8080, sipPort: 5060 });
  const emptyAfterRestart = (await rpc.blocked()).length === 0;
  await until('the retry blocks agent2', 20_000, async () => (await rpc.blocked()).includes(other.user.id));
  result.offline.emptyAfterRestart = emptyAfterRestart;
  result.offline.blockedByRetry = await rpc.blocked();
  result.offline.register = await (await softphone(stage.server, otherCredentials)).register();

  // A runtime starting pushes the disabled users at once (the old runtime is gone, Kamailio is fresh again).
  for (const ua of uas.splice(0)) await ua.stop().catch(() => {});
  await stage.app.close();
  await stage.server.stop();
  stage.server = await startKamailio({ secret, wsPort: 8080, sipPort: 5060 });
  const emptyBeforeStart = (await rpc.blocked()).length === 0;
  stage.app = await buildApp({
    mongoUri: stage.mongo.uri, dbName: 'sip_revoke', embedded: true,
    telephony: { mode: 'sip', sipDomain: stage.server.domain, sipWsUrl: stage.server.wsUrl, sipSecret: secret, sipCredentialTtlSec: 3600, sipRpcUrl: stage.server.rpcUrl },
  });
  result.restart = { emptyBeforeStart, blockedOnStart: await rpc.blocked() };
  result.ids = { agent1: agent.user.id, agent2: other.user.id };
});
