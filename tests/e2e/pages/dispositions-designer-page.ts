import type { Page } from 'playwright-core';

export interface OutcomeSpec {
  key: string;
  labelZh: string;
  labelEn: string;
  requiresNote?: boolean;
  asksContactPlan?: boolean;
  marksInvalid?: boolean;
}

/** The builder's call outcome (dispositions) editor, driven through its data-testid hooks (language-independent). */
export class DispositionsDesignerPage {
  constructor(readonly page: Page) {}

  /** Opens an existing outcome list from the Call outcomes list and waits for its editor. */
  async open(key: string): Promise<void> {
    const page = this.page;
    await page.getByTestId('nav-dispositions').click();
    await page.getByTestId('dispositions-page').waitFor();
    await page.getByTestId(`open-dispositions-${key}`).click();
    await page.getByTestId('dispositions-settings').waitFor();
  }

  async outcomeKeys(): Promise<string[]> {
    return this.page.getByTestId('outcome-key').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  }

  /** Adds an outcome at the end of the list and fills it in. */
  async addOutcome(spec: OutcomeSpec): Promise<void> {
    const rows = this.page.getByTestId('outcome-row');
    const before = await rows.count();
    await this.page.getByTestId('add-outcome').click();
    const row = rows.nth(before);
    await row.waitFor();
    await row.getByTestId('outcome-key').fill(spec.key);
    await row.getByTestId('item-label-zh').fill(spec.labelZh);
    await row.getByTestId('item-label-en').fill(spec.labelEn);
    for (const flag of ['requiresNote', 'asksContactPlan', 'marksInvalid'] as const) {
      if (spec[flag] !== undefined) await row.getByTestId(`outcome-${flag}`).setChecked(spec[flag]);
    }
  }

  /** Waits until the draft autosave has caught up with the last edit. */
  async waitSaved(): Promise<void> {
    await this.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  }
}
