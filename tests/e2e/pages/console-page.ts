// Page object for the agent console (console/, served at /console/). It drives the app only through the
// stable hooks the console exposes (data-testid attributes and accessible names), so tests read as the
// agent's steps and survive layout changes.
import type { Locator, Page, Response } from 'playwright-core';

export interface LogChangeText {
  field: string;
  before: string;
  after: string;
}

export interface LogEntryText {
  action: string;
  who: string;
  at: string;
  changes: LogChangeText[];
}

export interface SaveResult {
  /** HTTP status of the save request, or null when the console did not send it (validation, no changes) */
  status: number | null;
  /** how the card reports the attempt: invalid | unchanged | saved | created | conflict | rejected | failed */
  outcome: string;
}

const SAVE_TIMEOUT = 10_000;

export class ConsolePage {
  private baseUrl = '';

  constructor(readonly page: Page) {}

  private url(path: string): string {
    return `${this.baseUrl}/console${path}`;
  }

  private field(fieldKey: string): Locator {
    return this.page.getByTestId(`field-${fieldKey}`);
  }

  /** Logs in on the console's login page and waits for the working shell. */
  async login(baseUrl: string, login: string, password: string): Promise<void> {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    await this.page.goto(this.url('/login'));
    await this.page.getByTestId('login-name').fill(login);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await this.page.getByTestId('nav').waitFor();
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('logout').click();
    await this.page.getByTestId('login-form').waitFor();
  }

  /** Opens an entity's list (through the navigation when it offers the entity) and waits for it to load. */
  async openList(entityKey: string): Promise<void> {
    const link = this.page.getByTestId(`nav-${entityKey}`);
    if (await link.count()) await link.click();
    else await this.page.goto(this.url(`/e/${entityKey}`));
    await this.page.locator('[data-testid=record-table], [data-testid=state-empty], [data-testid=state-not-found], [data-testid=state-error]').first().waitFor();
  }

  /** Quick search on the open list (Enter submits), waiting for the new result. */
  async search(text: string): Promise<void> {
    const box = this.page.getByTestId('quick-search');
    await box.fill(text);
    await Promise.all([
      this.page.waitForResponse((r) => /\/api\/records\/[^/]+\/query$/.test(new URL(r.url()).pathname)),
      box.press('Enter'),
    ]);
    await this.page.locator('[data-testid=record-table], [data-testid=state-empty]').first().waitFor();
  }

  /** On the open list: opens the record whose row shows `text`. */
  async openRecordByTitle(text: string): Promise<void> {
    const row = this.page.locator('[data-testid^=record-row-]').filter({ hasText: text }).first();
    await row.locator('a').first().click();
    await this.waitForCard();
  }

  /** Opens a record by URL; resolves once the card or the not-found / no-access state is shown. */
  async openRecord(entityKey: string, id: string): Promise<void> {
    await this.page.goto(this.url(`/e/${entityKey}/${id}`));
    await this.waitForCard();
  }

  private async waitForCard(): Promise<void> {
    await this.page.locator('[data-testid=record-title], [data-testid=state-not-found], [data-testid=state-error]').first().waitFor();
  }

  /** The record id of the open card (from the URL). */
  recordId(): string {
    return new URL(this.page.url()).pathname.split('/').pop() ?? '';
  }

  /** True when the console shows "not found or no access" instead of a record. */
  async isNotFound(): Promise<boolean> {
    return this.page.getByTestId('state-not-found').isVisible();
  }

  async title(): Promise<string> {
    return (await this.page.getByTestId('record-title').textContent())?.trim() ?? '';
  }

  /** Types (or picks) a value into a field's input, as an agent would. */
  async fill(fieldKey: string, value: string): Promise<void> {
    const wrapper = this.field(fieldKey);
    const select = wrapper.locator('select');
    if (await select.count()) {
      await select.first().selectOption(value);
      return;
    }
    const checkbox = wrapper.locator('input[type=checkbox]');
    if (await checkbox.count()) {
      await checkbox.first().setChecked(value === 'true');
      return;
    }
    await wrapper.locator('input, textarea').first().fill(value);
  }

  /** The message shown under a field, or null when there is none. */
  async fieldError(fieldKey: string): Promise<string | null> {
    const error = this.page.getByTestId(`field-error-${fieldKey}`);
    if (!(await error.count())) return null;
    return (await error.textContent())?.trim() ?? null;
  }

  /**
   * Clicks Save and waits until the attempt is over: refused by validation before sending, answered by the
   * server (saved, or errors shown on the fields / a version conflict), or, for a new record, the created
   * record's card is open.
   */
  async save(): Promise<SaveResult> {
    const button = this.page.getByTestId('save');
    // an unchanged card has nothing to save (the button is disabled): report "not sent" instead of waiting
    if (await button.isDisabled()) return { status: null, outcome: 'unchanged' };
    const before = Number((await button.getAttribute('data-save-attempt')) ?? 0);
    const startUrl = this.page.url();
    let status: number | null = null;
    const onResponse = (r: Response) => {
      if (['POST', 'PATCH'].includes(r.request().method()) && /^\/api\/records\/[^/]+(\/[^/]+)?$/.test(new URL(r.url()).pathname)) {
        status = r.status();
      }
    };
    this.page.on('response', onResponse);
    try {
      await button.click();
      // the card counts finished attempts on its Save button; a created record opens its own card instead
      await this.page.waitForFunction(
        ([n, url]) => {
          const save = document.querySelector('[data-testid=save]');
          if (location.href !== url) return !!document.querySelector('[data-testid=record-title]') && !!save;
          return Number(save?.getAttribute('data-save-attempt') ?? 0) > Number(n);
        },
        [before, startUrl] as const,
        { timeout: SAVE_TIMEOUT },
      );
    } finally {
      this.page.off('response', onResponse);
    }
    const outcome = this.page.url() !== startUrl ? 'created' : ((await button.getAttribute('data-save-outcome')) ?? '');
    return { status, outcome };
  }

  /** Reloads the page and waits for the card (or list) to be back. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.page
      .locator('[data-testid=record-title], [data-testid=record-table], [data-testid=state-not-found], [data-testid=state-empty]')
      .first()
      .waitFor();
  }

  /** What a field shows: the input's value when editable, else the displayed text (masked values as shown). */
  async value(fieldKey: string): Promise<string> {
    const wrapper = this.field(fieldKey);
    const checkbox = wrapper.locator('input[type=checkbox]');
    if (await checkbox.count()) return String(await checkbox.first().isChecked());
    const control = wrapper.locator('input, textarea, select');
    if (await control.count()) return control.first().inputValue();
    return ((await wrapper.textContent()) ?? '').trim();
  }

  /** Opens the "Operation log" tab and waits for its entries (or its empty state). */
  async openLog(): Promise<void> {
    await this.page.getByTestId('log-tab').click();
    const log = this.page.getByTestId('operation-log');
    await log.locator('[data-testid=log-entry], [data-testid=state-empty], [data-testid=state-error]').first().waitFor();
  }

  /** The log entries as text, newest first: who, when, action, and each field's before -> after. */
  async logEntries(): Promise<LogEntryText[]> {
    const entries = this.page.getByTestId('log-entry');
    const result: LogEntryText[] = [];
    for (const entry of await entries.all()) {
      const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();
      const changes: LogChangeText[] = [];
      for (const change of await entry.getByTestId('log-change').all()) {
        changes.push({
          field: await text(change.getByTestId('log-field')),
          before: await text(change.getByTestId('log-before')),
          after: await text(change.getByTestId('log-after')),
        });
      }
      result.push({
        action: (await entry.getAttribute('data-action')) ?? '',
        who: await text(entry.getByTestId('log-who')),
        at: await text(entry.getByTestId('log-at')),
        changes,
      });
    }
    return result;
  }

  /** Switches the UI language (saved in the browser). */
  async setLanguage(locale: 'zh' | 'en'): Promise<void> {
    await this.page.getByTestId(`lang-${locale}`).click();
  }
}
