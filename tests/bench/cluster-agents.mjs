// The simulated agents of cluster.bench.mjs: each one a person at a console, over real HTTP through the load
// balancer from an address of its own (127.0.1.x, so HAProxy names it in X-Forwarded-For and the sign-in limits
// count per desk, as with real agents), holding its console event stream (SSE) open and working in a loop.
import { Agent, request as httpRequest } from 'node:http';

const EVENT_WAIT_MS = 5_000;

/** An HTTP answer: { status, body, ms }, or a thrown error for a network failure. */
function send(agent, base, method, path, headers, body) {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const h = { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, agent, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode, body: parsed, headers: res.headers, ms: performance.now() - started });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * One agent. `stats` collects every timed request ({ kind, ms, status }), refusals a race explains (a claim
 * another agent won), unexpected answers and the delivery time of the events its actions raise.
 */
export class SimulatedAgent {
  constructor({ base, login, password, address, streamProcess, workProcess, stats, thinkMs, callMs }) {
    Object.assign(this, { base, login, password, address, streamProcess, workProcess, stats, thinkMs, callMs });
    this.http = new Agent({ keepAlive: true, maxSockets: 2, localAddress: address });
    this.frames = [];
    this.waiting = new Set();
    this.stopped = false;
  }

  /** Sign in (the balancer's cookie is replaced by the process this agent works on). */
  async signIn() {
    const res = await send(this.http, this.base, 'POST', '/api/auth/login', {}, { login: this.login, password: this.password });
    if (res.status !== 200) throw new Error(`sign-in ${this.login}: ${res.status} ${JSON.stringify(res.body)}`);
    const sid = [].concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sid='))?.split(';')[0];
    this.sid = sid;
    this.csrf = res.body.csrfToken;
    this.userId = res.body.user.id;
  }

  cookie(process) {
    return `${this.sid}; TSRT=${process}`;
  }

  /** A timed request on the work process; unexpected answers are counted and the first few kept. */
  async call(kind, method, path, body, expected = [200]) {
    const headers = { cookie: this.cookie(this.workProcess), ...(method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}) };
    let res;
    try {
      res = await send(this.http, this.base, method, path, headers, body);
    } catch (error) {
      this.stats.unexpected(kind, `network: ${error.message}`);
      return { status: 0 };
    }
    this.stats.request(kind, res.ms, res.status);
    if (!expected.includes(res.status)) this.stats.unexpected(kind, `${method} ${path} -> ${res.status} ${String(JSON.stringify(res.body) ?? '').slice(0, 200)}`);
    return res;
  }

  /** The console's event stream, held on the stream process until stop(). */
  openStream() {
    const url = new URL('/api/calls/events', this.base);
    return new Promise((resolve, reject) => {
      const req = httpRequest({
        host: url.hostname, port: url.port, path: url.pathname, localAddress: this.address, agent: false,
        headers: { cookie: this.cookie(this.streamProcess), accept: 'text/event-stream' },
      }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`events ${this.login}: ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event && data) this.onFrame(event, JSON.parse(data), performance.now());
          }
        });
        res.on('error', () => undefined);
        res.on('close', () => {
          if (!this.stopped) this.stats.unexpected('events', 'the event stream closed');
        });
        resolve();
      });
      req.on('error', reject);
      this.streamRequest = req;
      req.end();
    });
  }

  onFrame(event, data, at) {
    // Kept a while: a frame can arrive before the answer of the request that raised it.
    this.frames.push({ event, data, at });
    if (this.frames.length > 100) this.frames.splice(0, 50);
    for (const w of this.waiting) {
      if (w.event === event && w.where(data)) {
        this.waiting.delete(w);
        clearTimeout(w.timer);
        this.stats.delivered(w.kind, at - w.sentAt, at - w.answeredAt);
      }
    }
  }

  /**
   * Expects the frame an action raises on this agent's stream, timed from when the action was sent and from when
   * its answer came back (the second leaves out the request's own time: 0 when the frame came first).
   */
  expectFrame(kind, event, where, sentAt, answeredAt = performance.now()) {
    const early = this.frames.find((f) => f.at >= sentAt && f.event === event && where(f.data));
    if (early) return this.stats.delivered(kind, early.at - sentAt, early.at - answeredAt);
    const w = { kind, event, where, sentAt, answeredAt };
    w.timer = setTimeout(() => {
      this.waiting.delete(w);
      this.stats.lost(kind);
    }, EVENT_WAIT_MS);
    this.waiting.add(w);
  }

  think() {
    return new Promise((r) => setTimeout(r, Math.random() * 2 * this.thinkMs));
  }

  /** The working loop: list, open, edit, claim from the pool, call, outcome, release; until `until`. */
  async work(until) {
    // Fresh connections: the one from the sign-in sat idle while the other agents signed in, and the balancer closes
    // idle keep-alive connections after 10 s (a request sent as it closes would fail with "socket hang up").
    this.http.destroy();
    this.http = new Agent({ keepAlive: true, maxSockets: 2, localAddress: this.address });
    // Desks do not all click Ready in the same millisecond: each agent starts within a think time (without it the
    // 200 state changes of the first instant were the run's p99).
    await this.think();
    let sentAt = performance.now();
    const ready = await this.call('state', 'PUT', '/api/telephony/state', { state: 'ready' });
    if (ready.status === 200) this.expectFrame('state', 'state', (d) => d.state === 'ready', sentAt);
    while (performance.now() < until && !this.stopped) {
      await this.call('list mine', 'GET', '/api/records/customer?pageSize=20&sort=-updatedAt');
      await this.think();
      const pool = await this.call('list pool', 'GET', '/api/pools/default/records?pageSize=50');
      const items = pool.body?.items ?? [];
      if (!items.length) {
        await this.think();
        continue;
      }
      await this.think();
      const pick = items[Math.floor(Math.random() * items.length)];
      // Two agents may pick the same customer: one claim wins, the other is told so (409), as in real life.
      const claimed = await this.call('claim', 'POST', '/api/pools/default/claim', { id: pick.id }, [200, 409]);
      if (claimed.status !== 200) {
        this.stats.refused('claim');
        continue;
      }
      const id = pick.id;
      await this.think();
      const opened = await this.call('open', 'GET', `/api/records/customer/${id}`);
      await this.think();
      if (opened.status === 200) {
        await this.call('edit', 'PATCH', `/api/records/customer/${id}`, { version: opened.body.version, values: { status: 'following', level: ['a', 'b', 'c'][Math.floor(Math.random() * 3)] } });
      }
      await this.think();
      await this.placeCall(id);
      await this.think();
      await this.call('release', 'POST', `/api/records/customer/${id}/release`, {}, [200, 204]);
      await this.think();
    }
  }

  /** Click-to-call on the simulated carrier, hang up after callMs, the outcome: each raises a call frame. */
  async placeCall(id) {
    let sentAt = performance.now();
    const dialled = await this.call('dial', 'POST', '/api/calls/dial', { entity: 'customer', id }, [201]);
    if (dialled.status !== 201) return;
    const callId = dialled.body.callId;
    this.expectFrame('dial', 'call', (d) => d.call?.id === callId, sentAt);
    await new Promise((r) => setTimeout(r, Math.random() * 2 * this.callMs));
    sentAt = performance.now();
    // The customer may have been busy or not answered meanwhile: the call is in after-call work already (409).
    const hung = await this.call('hangup', 'POST', `/api/calls/${callId}/hangup`, undefined, [200, 409]);
    if (hung.status === 200) this.expectFrame('hangup', 'call', (d) => d.call?.id === callId && d.call.status === 'wrapup', sentAt);
    await this.think();
    sentAt = performance.now();
    const outcome = await this.call('outcome', 'POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
    if (outcome.status === 200) this.expectFrame('outcome', 'call', (d) => d.call?.id === callId && d.call.disposition?.key === 'interested', sentAt);
  }

  stop() {
    this.stopped = true;
    this.streamRequest?.destroy();
    this.http.destroy();
    for (const w of this.waiting) clearTimeout(w.timer);
  }
}
