import { describe, expect, it } from 'vitest';
import type { CallJson, RecordJson } from '@telesales/schemas';
import type {} from '@telesales/runtime/calls/plugin';
import { BuilderPage } from './pages/builder-page.js';
import { FlowDesignerPage } from './pages/flow-designer-page.js';
import { useOpenHoursClock } from './support/open-hours.js';
import { useSession, VIEWPORT } from './support/session.js';

/** The template's inbound flow answers this entry number; key 1 at the menu queues the caller for `sales`. */
const ENTRY_NUMBER = '4008001234';

/**
 * A skill group is named, not keyed, wherever a person reads it: the template's `sales` group is 销售组 / Sales.
 * The flow designer's canvas names the queue node's group (it showed "sales"), the picker shows the name with the
 * key, and the agent's call panel and call page say 队列：销售组, not 队列：sales.
 */
describe('skill groups by their names in the flow designer and the console', () => {
  const session = useSession({ afterStart: useOpenHoursClock });

  it('the flow designer names the queue node\'s skill group in the UI language, on the canvas and in the picker', async () => {
    const page = await session.browser.newPage({ viewport: VIEWPORT });
    await new BuilderPage(page).login(session.product.baseUrl, 'admin', 'admin123');
    const flow = new FlowDesignerPage(page);
    const seen: Record<string, { summary: string; picked: string }> = {};
    for (const lang of ['zh', 'en'] as const) {
      await page.getByTestId('language-switch').selectOption(lang);
      await page.goto(`${new URL('/builder/', session.product.baseUrl)}#/flows/inbound`);
      const summary = flow.node('sales_queue').locator('.flow-node-summary');
      await summary.waitFor();
      await page.waitForFunction(() => document.querySelector('[data-id="sales_queue"] .flow-node-summary')?.textContent !== 'sales');
      const panel = await flow.selectNode('sales_queue');
      seen[lang] = {
        summary: (await summary.textContent()) ?? '',
        picked: (await panel.getByTestId('queue-skillGroup').locator('option:checked').textContent()) ?? '',
      };
    }
    expect(seen).toEqual({
      zh: { summary: '销售组', picked: '销售组 (sales)' },
      en: { summary: 'Sales', picked: 'Sales (sales)' },
    });
    await page.close();
  }, 90_000);

  it('the agent\'s call panel and call page say 队列：销售组 for a call queued in sales', async () => {
    const admin = await session.consoleAs('admin', 'admin123');
    const agent = await session.consoleAs('agent1', 'agent123');
    await agent.setLanguage('zh');
    await agent.waitForPhone();
    expect(await agent.setAgentState('ready')).toBe('ready');
    // a caller nobody knows (so the flow does not route by owner) presses 1 for sales
    const started = await admin.api<CallJson>('POST', '/api/calls/simulate-inbound', {
      from: '13911112222', to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }, { afterMs: 2000, digits: '1' }],
    });
    expect(started.status).toBe(201);
    const { callId } = await agent.waitForRinging(60_000);
    const call = await admin.api<CallJson>('GET', `/api/calls/${callId}`);
    expect(call.body.queue).toBe('sales');
    const panel = agent.page.getByTestId('call-panel');
    await agent.page.waitForFunction(() => document.querySelector('[data-testid=call-panel]')?.textContent?.includes('队列：销售组'));
    expect(await panel.textContent()).not.toContain('sales');

    await agent.answerCall();
    await agent.hangUp();
    await agent.dispose('interested');
    await agent.page.goto(`${session.product.baseUrl}/console/calls/${callId}`);
    const detail = agent.page.getByTestId('call-detail');
    await detail.waitFor();
    await agent.page.waitForFunction(() => document.querySelector('[data-testid=call-detail]')?.textContent?.includes('销售组'));
    const queueRow = detail.locator('.facts > div').filter({ hasText: '队列' });
    expect(((await queueRow.locator('dd').textContent()) ?? '').trim()).toBe('销售组');
    // the record is not this test's subject: only that the caller was unknown
    expect(call.body.customer as RecordJson | null).toBeNull();
  }, 120_000);
});
