// Run by sip-refused.test.ts as `unshare -n node sip-refused-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip, agent1's sip.js UA and two customers' UAs registered under the digits of
// their stored numbers (as a trunk would be reached): one answers every INVITE 486 Busy Here, the other 404 Not
// Found (an empty number). The agent clicks to call each; what the call record then says is collected. Prints one
// JSON line with what happened.
import { randomBytes } from 'node:crypto';
import { phone, runInStage, signIn, startStage, until } from './sip-stage.mjs';

const secret = randomBytes(24).toString('base64url');
const CUSTOMERS = [{ name: '测试 Busy', phone: '13900005555', status: 486 }, { name: '测试 Empty', phone: '13900006666', status: 404 }];

await runInStage(async (run) => {
  const { result } = run;
  const stage = run.stage = await startStage('sip-refused', secret);
  const { server, app } = stage;
  const { api, user } = await signIn(app, 'agent1', 'agent123');
  const agent = await phone(server, secret, user.id, 0x11);
  run.phones.push(agent);
  const calls = app.db.collection('calls');
  result.calls = [];
  for (const c of CUSTOMERS) {
    const created = await api('POST', '/api/records/customer', { values: { name: c.name, phone: c.phone, status: 'pending' } });
    if (created.status !== 201) throw new Error(`record: ${JSON.stringify(created.body)}`);
    const stored = (await app.db.collection('records_customer').findOne({ _id: created.body.id })).values.phone;
    const customer = await phone(server, secret, String(stored).replace(/\D/g, ''), 0x33);
    run.phones.push(customer);
    let rang = 0;
    customer.ua.delegate = { onInvite: (invitation) => { rang++; void invitation.reject({ statusCode: c.status }); } };

    const dialled = await api('POST', '/api/calls/dial', { entity: 'customer', id: created.body.id });
    if (dialled.status !== 201) throw new Error(`dial: ${JSON.stringify(dialled.body)}`);
    let agentGot = null;
    await agent.call(`sip:${dialled.body.token}@${server.domain}`, [], { requestDelegate: { onReject: (r) => { agentGot = r.message.statusCode; } } }).catch(() => {});
    const doc = await until('the call ends', 10_000, async () => { const d = await calls.findOne({ _id: dialled.body.callId }); return d?.endAt ? d : null; });
    const json = (await api('GET', `/api/calls/${dialled.body.callId}`)).body;
    result.calls.push({ answered: c.status, rang, agentGot, status: doc.status, outcome: json.outcome, failure: json.failure });
    const disposed = await api('POST', `/api/calls/${dialled.body.callId}/disposition`, { key: c.status === 486 ? 'busy' : 'empty_number', note: 'x' });
    if (disposed.status !== 200) throw new Error(`disposition: ${JSON.stringify(disposed.body)}`);
  }
});
