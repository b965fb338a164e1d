import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { openHoursAt, signIn, startCluster, type Cluster, type HttpUser } from '../support/cluster-fixture.js';
import { ConsolePage } from './pages/console-page.js';
import { launchBrowser } from './support/browser.js';
import { VIEWPORT } from './support/session.js';

/** The template's inbound flow answers this entry number (templates/insurance/flows/inbound.json). */
const ENTRY_NUMBER = '4008001234';
const RING_TIMEOUT = 60_000;
/** Ma Fang, agent1's demo customer (templates/insurance/demo/customers.json). */
const CALLER = { id: '883415ea-61df-4ed9-9a3b-98a4de3c1028', phone: '13881836553' };

/**
 * `npm run cluster` with two runtime processes behind HAProxy: agent 1's console (through the balancer, kept on
 * one process by its cookie) rings and opens the caller's card whichever process runs and answers the call:
 * the one holding the console's event stream, and the other one.
 */
describe('cluster: the screen pop reaches the agent whichever runtime process answers the call', () => {
  let cluster: Cluster;
  let closeBrowser: () => Promise<void>;
  let context: BrowserContext;
  let agent: ConsolePage;
  let admin: HttpUser;
  /** The runtime the balancer keeps agent 1's console on, and the other one. */
  let home: string;
  let other: string;

  beforeAll(async () => {
    cluster = await startCluster(2);
    const launched = await launchBrowser();
    closeBrowser = launched.close;
    context = await launched.browser.newContext({ viewport: VIEWPORT });
    agent = new ConsolePage(await context.newPage());
    await agent.login(cluster.baseUrl, 'agent1', 'agent123');
    await agent.setLanguage('en');
    const sticky = (await context.cookies()).find((c) => c.name === 'TSRT')?.value;
    const index = cluster.runtimes.findIndex((rt) => rt.name === sticky);
    expect(index).toBeGreaterThanOrEqual(0);
    home = cluster.runtimes[index]!.url;
    other = cluster.runtimes[1 - index]!.url;
    admin = await signIn(home, 'admin');
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await closeBrowser?.();
    await cluster?.close();
  }, 60_000);

  /** A call from Ma Fang started on `runtime`; the agent's console rings with her card. */
  async function ring(runtime: string): Promise<string> {
    const started = await admin.call(runtime, 'POST', '/api/calls/simulate-inbound', {
      from: CALLER.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 300, digits: '1' }], at: openHoursAt(),
    });
    expect(started.status).toBe(201);
    const ringing = await agent.waitForRinging(RING_TIMEOUT);
    expect(ringing.callId).toBe(started.body.id);
    return started.body.id as string;
  }

  /** Call control on the process that runs the call, with the browser's own session (cookies do not care for ports). */
  async function control(runtime: string, path: string, body: unknown = {}): Promise<void> {
    const me = await context.request.get(`${runtime}/api/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const res = await context.request.post(`${runtime}${path}`, { data: body, headers: { 'x-csrf-token': csrfToken } });
    expect(res.status(), await res.text()).toBe(200);
  }

  it('the process holding the console\'s stream runs and answers the call', async () => {
    await agent.waitForPhone();
    expect(await agent.setAgentState('ready')).toBe('ready');
    await ring(home);
    await agent.answerCall();
    await agent.page.waitForURL(new RegExp(`/e/customer/${CALLER.id}$`));
    await agent.hangUp();
    await agent.dispose('interested');
    expect(await agent.setAgentState('ready')).toBe('ready');
  }, 120_000);

  it('the other process runs and answers the call: the ringing, the card and the call\'s end come through the database', async () => {
    await agent.openList('customer');
    const callId = await ring(other);
    await control(other, `/api/calls/${callId}/answer`);
    await agent.page.waitForURL(new RegExp(`/e/customer/${CALLER.id}$`));
    await agent.page.getByTestId('record-title').waitFor();
    await control(other, `/api/calls/${callId}/hangup`);
    await agent.page.getByTestId('disposition-form').waitFor({ timeout: RING_TIMEOUT });
    await control(other, `/api/calls/${callId}/disposition`, { key: 'interested' });
    await agent.page.getByTestId('wrapup-panel').waitFor({ state: 'detached' });
  }, 120_000);
});
