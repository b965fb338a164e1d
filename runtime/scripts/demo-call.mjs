#!/usr/bin/env node
// `npm run demo:call`: the README's "try a call". A simulated caller dials the demo hotline of a running
// `npm start` (TELEPHONY=simulated), picks Mandarin and then "new policy", and waits in the sales queue,
// where a Ready agent's console rings. The flow's clock is set to next Monday 10:00 in Shanghai, so the
// hotline is open whatever the hour here (the call's own times stay real).
const base = `http://127.0.0.1:${process.env.PORT || 3000}`;
const login = process.env.DEMO_LOGIN ?? 'admin';
const password = process.env.DEMO_PASSWORD ?? 'admin123';
const CALLER = '+8613800000000';
const ENTRY = '4008001234';
// Keyed while the greeting plays (1: Mandarin), then in the main menu (1: a new policy, the sales queue).
const DIGITS = [{ afterMs: 500, digits: '1' }, { afterMs: 2000, digits: '1' }];
const WAIT_MS = 15_000;

/** Next Monday 10:00 in Asia/Shanghai (UTC+8 all year, no daylight saving): within the demo hotline's hours. */
function nextMondayTenShanghai(now = new Date()) {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const days = ((8 - local.getUTCDay()) % 7) || 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 2)).toISOString();
}

async function api(method, path, body, session) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.message ?? ''}`);
  return { json, res };
}

async function main() {
  // The body field is `login`; POSTs need the session's CSRF token from the sign-in answer.
  const signIn = await api('POST', '/api/auth/login', { login, password });
  const session = { cookie: signIn.res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrfToken: signIn.json.csrfToken };
  const at = nextMondayTenShanghai();
  const { json: call } = await api('POST', '/api/calls/simulate-inbound', { from: CALLER, to: ENTRY, digits: DIGITS, at }, session);
  console.log(`Call ${call.id}: ${CALLER} dials ${ENTRY} (the flow's clock reads ${at}, Monday 10:00 in Shanghai: open)`);

  // The greeting, the keys and the menu take a few seconds; a Ready agent is rung as soon as the call queues.
  const read = async () => (await api('GET', `/api/calls/${call.id}`, undefined, session)).json;
  let doc = call;
  for (const until = Date.now() + WAIT_MS; Date.now() < until && doc.status === 'queued' && !doc.queue; ) {
    await new Promise((r) => setTimeout(r, 250));
    doc = await read();
  }
  await new Promise((r) => setTimeout(r, 500));
  doc = await read();
  const { json: version } = await api('GET', `/api/definitions/flow/${doc.flow.key}/versions/${doc.flow.version}`, undefined, session);
  console.log('The caller hears:');
  for (const line of heard(version.definition, doc.trace ?? [])) console.log(`  ${line}`);
  if (doc.status === 'ringing') console.log(`Ringing: the console of a Ready agent of group "${doc.queue}" (agent1 / agent123 when set Ready in the phone bar). Answer it there.`);
  else if (doc.status === 'queued') console.log(`Waiting in queue "${doc.queue}": nobody of the group is Ready. Set agent1 Ready in the console's phone bar and it rings; after the queue's wait, voicemail.`);
  else console.log(`Status: ${doc.status}`);
}

/** The prompts of the nodes the call went through, in the caller's language, and the keys the caller pressed. */
function heard(flow, trace) {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  let language = flow.defaultLanguage ?? 'zh';
  const out = [];
  for (const step of trace) {
    const node = nodes.get(step.node);
    if (step.event === 'digits' && node?.type === 'language') {
      language = /^language (\w+)/.exec(step.note ?? '')?.[1] ?? language;
      out.push(`[presses ${node.config.options.find((o) => o.language === language)?.digit ?? '?'}]`);
    } else if (step.event === 'digits' && node?.type === 'menu') {
      out.push(`[presses ${step.port}]`);
    }
    const text = node?.config?.prompt?.text;
    if (step.event || !text) continue;
    out.push(`"${text[language] ?? Object.values(text)[0]}"`);
    if (node.type === 'queue') out.push('[hold music]');
  }
  return out;
}

main().catch((error) => {
  // No answer at all (fetch failed): the product is not running there.
  const hint = error.cause ? ` (is \`npm start\` running on ${base}? Another port: PORT=... npm run demo:call)` : '';
  console.error(`demo:call: ${error.message}${hint}`);
  process.exit(1);
});
