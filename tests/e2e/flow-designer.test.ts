import { describe, expect, it } from 'vitest';
import { FlowDesignerPage } from './pages/flow-designer-page.js';
import { useAdminInBuilder } from './support/session.js';

/**
 * Call flows are definitions designed on a canvas: an admin drags an entry, a menu, a prompt and a hangup
 * from the palette, links them, watches the last validation marker go away, publishes, and calls the flow
 * from the test panel: pressing 2 lights up the way through the menu's port 2.
 */
describe('the flow designer', () => {
  const admin = useAdminInBuilder();

  it('an admin builds a menu flow on the canvas, publishes it and tests it with the keypad', async () => {
    const { page, builder, product } = admin;
    const flows = new FlowDesignerPage(page);
    await flows.createFlow({ key: 'hotline', labelZh: '服务热线', labelEn: 'Hotline', languages: ['en'] });

    // Four nodes dragged from the palette; each opens its settings when dropped.
    const entry = await flows.dragNode('entry', 110, 110);
    const menu = await flows.dragNode('menu', 360, 120);
    await page.getByTestId('menu-option-1').click(); // a new menu offers 1 and 2: keep only 2
    await page.getByTestId('prompt-text-en').fill('For service, press 2.');
    const play = await flows.dragNode('play', 630, 80);
    await page.getByTestId('prompt-text-en').fill('Thank you for calling. Goodbye.');
    const hangup = await flows.dragNode('hangup', 630, 330);
    expect([entry, menu, play, hangup]).toEqual(['entry1', 'menu1', 'play1', 'hangup1']);
    expect(await flows.node(entry).locator('.badge').count()).toBe(1); // the first entry is the start

    // The menu's ports are its key and the two failures, in that order; all still open.
    const ports = await flows.node(menu).locator('.flow-port').evaluateAll((els) => els.map((e) => e.getAttribute('data-port')));
    expect(ports).toEqual(['2', 'noInput', 'invalid']);

    await flows.connect(entry, 'next', menu);
    await flows.connect(menu, '2', play);
    await flows.connect(play, 'next', hangup);
    await flows.connect(menu, 'noInput', hangup);
    // One port left: the menu is marked, and so is the handle.
    const marker = flows.node(menu).getByTestId('node-marker');
    await marker.waitFor();
    expect(await flows.node(menu).getAttribute('data-issues')).toBe('1');
    expect(await flows.node(menu).locator('[data-testid="port-invalid"]').getAttribute('data-unconnected')).toBe('true');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);

    // Going to that issue (a port of the menu) from the list selects the menu and pans the canvas to centre it.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 400 } });
    const offCentre = async () => {
      const view = (await page.locator('.react-flow').boundingBox())!;
      const box = (await page.locator(`.react-flow__node[data-id="${menu}"]`).boundingBox())!;
      return Math.hypot(box.x + box.width / 2 - (view.x + view.width / 2), box.y + box.height / 2 - (view.y + view.height / 2));
    };
    expect(await offCentre()).toBeGreaterThan(50);
    const summary = page.getByTestId('issue-summary');
    expect(await summary.getAttribute('data-count')).toBe('1');
    await summary.locator('button').first().click();
    await summary.locator('li button').first().click();
    await page.locator(`[data-testid="node-panel"][data-id="${menu}"]`).waitFor();
    await expect.poll(offCentre, { timeout: 5_000 }).toBeLessThan(3);
    // Everything back in view for the links still to draw.
    await page.locator('.react-flow__controls-fitview').click();

    await flows.connect(menu, 'invalid', hangup);
    await marker.waitFor({ state: 'detached' });
    expect(await flows.node(menu).getAttribute('data-issues')).toBe('0');
    expect(await flows.node(menu).locator('[data-testid="port-invalid"]').getAttribute('data-unconnected')).toBeNull();
    expect(await page.getByTestId('issue-summary').getAttribute('data-count')).toBe('0');
    expect(await page.locator('[data-testid="flow-node"][data-issues]:not([data-issues="0"])').count()).toBe(0);

    // Undo brings the open port back, redo links it again.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 400 } });
    await page.keyboard.press('Control+z');
    await marker.waitFor();
    await page.keyboard.press('Control+y');
    await marker.waitFor({ state: 'detached' });

    // Typing a label is one undo step, not one per key.
    const label = (await flows.selectNode(menu)).getByTestId('node-label');
    await label.pressSequentially('Main menu');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 400 } });
    await page.keyboard.press('Control+z');
    expect(await (await flows.selectNode(menu)).getByTestId('node-label').inputValue()).toBe('');
    expect(await flows.node(menu).getAttribute('data-issues')).toBe('0'); // the link drawn before is still there

    await builder.waitSaved();
    expect(await builder.publish('Hotline: service menu')).toBe(1);
    const published = await product.app.definitions.getPublished('flow', 'hotline');
    expect(published).toMatchObject({ kind: 'flow', key: 'hotline', languages: ['en'], start: 'entry1' });
    const menuNode = (published as { nodes: { id: string; config: unknown; next: unknown[] }[] }).nodes.find((n) => n.id === 'menu1');
    expect(menuNode?.config).toMatchObject({ options: ['2'], prompt: { text: { en: 'For service, press 2.' } } });
    expect(menuNode?.next).toEqual(
      expect.arrayContaining([{ port: '2', to: 'play1' }, { port: 'noInput', to: 'hangup1' }, { port: 'invalid', to: 'hangup1' }]),
    );

    // A test call: the menu's prompt is heard, 2 is pressed, the path through port 2 lights up.
    await page.getByTestId('tab-design').click();
    await page.locator('.react-flow__pane').waitFor();
    await flows.openTestPanel();
    await flows.startCall();
    await flows.waitForKeys();
    expect(await page.getByTestId('call-log').innerText()).toContain('For service, press 2.');
    await flows.press('2');
    await flows.edge(menu, '2').and(page.locator('.on-path')).waitFor();
    expect(await flows.edge(entry, 'next').getAttribute('class')).toContain('on-path');
    expect(await flows.edge(menu, 'noInput').getAttribute('class')).not.toContain('on-path');
    expect(await flows.edge(menu, 'invalid').getAttribute('class')).not.toContain('on-path');
    expect(await flows.node(menu).getAttribute('data-trace')).toBe('visited');
    expect(['visited', 'current']).toContain(await flows.node(play).getAttribute('data-trace'));
    await page.getByTestId('call-log').getByText('Thank you for calling. Goodbye.').waitFor();
    // The prompt finishes on its own; the call then goes on to the hangup and ends there.
    await page.getByTestId('sim-ended').waitFor();
    await flows.edge(play, 'next').and(page.locator('.on-path')).waitFor();
    expect(await flows.node(hangup).getAttribute('data-trace')).toBe('current');
  });
});
