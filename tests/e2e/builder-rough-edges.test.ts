import { describe, expect, it } from 'vitest';
import { FlowDesignerPage } from './pages/flow-designer-page.js';
import { useAdminInBuilder } from './support/session.js';

/**
 * What a new admin's first hour found rough in the builder, in a browser whose clock is in UTC: the test
 * call's time is read in the flow's zone (Asia/Shanghai), the canvas opens at a readable zoom, a new
 * option's value follows its English label, and the publish dialog says the release note is required.
 */
describe('builder rough edges, in a UTC browser', () => {
  const session = useAdminInBuilder({ page: { timezoneId: 'UTC' } });

  it('the inbound flow opens at a readable zoom with its entry in view', async () => {
    const page = session.page;
    await page.getByTestId('nav-flows').click();
    await page.getByTestId('open-flow-inbound').click();
    const entry = new FlowDesignerPage(page).node('entry');
    await entry.waitFor();
    await expect.poll(async () => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a)).toBeGreaterThanOrEqual(0.6);
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    const box = (await entry.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(canvas.y);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    // no minimap over the nodes of a laptop-sized canvas
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
  });

  it('Monday 10:00 typed in the test panel is Shanghai time, so the hours node takes "open"', async () => {
    const page = session.page;
    const flow = new FlowDesignerPage(page);
    await flow.openTestPanel();
    expect(await page.getByTestId('sim-clock-zone').innerText()).toContain('Asia/Shanghai');
    await page.getByTestId('sim-clock').fill('2026-12-07T10:00'); // a Monday
    await flow.startCall();
    // open leads to the language choice, closed to the closed message
    expect(await page.getByTestId('test-panel').getAttribute('data-node')).toBe('language');
  });

  it('a new option of a select takes its value from the English label', async () => {
    const page = session.page;
    await page.getByTestId('nav-entities').click();
    await page.getByTestId('open-entity-customer').click();
    await page.getByTestId('field-row-level').click();
    const panel = page.locator('[data-testid="field-panel"][data-key="level"]');
    const before = await panel.getByTestId('option-row').count();
    await panel.getByTestId('add-option').click();
    const added = panel.getByTestId('option-row').nth(before);
    expect(await added.getByTestId('option-value').inputValue()).toMatch(/^option_\d+$/);
    await added.getByTestId('option-label-en').fill('Gold member');
    expect(await added.getByTestId('option-value').inputValue()).toBe('gold_member');
  });

  it('the publish dialog says the release note is required and why Publish is disabled', async () => {
    const page = session.page;
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    await page.getByTestId('publish').click();
    const dialog = page.getByTestId('publish-dialog');
    expect(await dialog.innerText()).toMatch(/Release note \(required\)|发布说明（必填）/);
    expect(await dialog.getByTestId('publish-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('publish-note-missing').waitFor();
    await dialog.getByTestId('publish-message').fill('Gold members');
    expect(await dialog.getByTestId('publish-confirm').isEnabled()).toBe(true);
    expect(await dialog.getByTestId('publish-note-missing').count()).toBe(0);
  });

  it('the address field shows the same parts, in the same order and words, in the builder preview and the console', async () => {
    const page = session.page;
    await page.keyboard.press('Escape'); // the publish dialog
    const parts = (inputs: import('playwright-core').Locator) =>
      inputs.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-part')}:${(el as HTMLInputElement).placeholder}`));
    const preview = await parts(page.locator('[data-testid="preview-field"][data-key="address"] input'));
    const console = await session.consoleAs('admin', 'admin123');
    await console.openRecord('customer', '883415ea-61df-4ed9-9a3b-98a4de3c1028');
    const card = await parts(console.page.getByTestId('field-address').locator('input'));
    expect(card).toEqual(['province:Province', 'city:City', 'district:District', 'postcode:Postcode', 'street:Street', 'country:Country']);
    expect(preview).toEqual(card);
  });
});
