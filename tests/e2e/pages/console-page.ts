// Page object for the agent console (console/, served at /console/). It drives the app only through the
// stable hooks the console exposes (data-testid attributes and accessible names), so tests read as the
// agent's steps and survive layout changes.
import { pageApi } from '../support/page-api.js';
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
const CALL_TIMEOUT = 20_000;

/** Everything a page received: response bodies, Server-Sent Event frames and WebSocket frames, as text. */
export interface TrafficCapture {
  /** Waits for the bodies still being read, then returns every text received so far. */
  texts(): Promise<string[]>;
  stop(): Promise<void>;
}

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

  /** Opens a blank card for a new record of the entity (its definition's defaults filled in). */
  async openNew(entityKey: string): Promise<void> {
    await this.page.goto(this.url(`/e/${entityKey}/new`));
    await this.page.getByTestId('save').waitFor();
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

  /** Opens the workbench (home) and waits for its figures. */
  async openWorkbench(): Promise<void> {
    await this.page.getByTestId('nav-workbench').click();
    await this.page.getByTestId('workbench').locator('[data-testid=receiving-switch], [data-testid=state-error]').first().waitFor();
  }

  /** On an owned entity's list: switches to a tab ("mine", "all", "pool:<key>") and waits for its rows. */
  async openTab(view: string): Promise<void> {
    await this.page.getByTestId(`tab-${view.replace(':', '-')}`).click();
    await this.page.locator(`[data-view="${view}"]`).locator('[data-testid=record-table], [data-testid=state-empty], [data-testid=state-error]').first().waitFor();
    await this.page.locator(`[data-view="${view}"]:not(.dim)`).waitFor();
  }

  /** The record ids of the rows the open list shows, in order. */
  async rowIds(): Promise<string[]> {
    const ids = await this.page.locator('[data-testid^=record-row-]').evaluateAll((rows) =>
      rows.map((r) => (r.getAttribute('data-testid') ?? '').slice('record-row-'.length)));
    return ids.filter(Boolean);
  }

  /** The text of the row showing record `id` on the open list (empty when it is not there). */
  async rowText(id: string): Promise<string> {
    const row = this.page.getByTestId(`record-row-${id}`);
    return (await row.count()) ? ((await row.textContent()) ?? '').trim() : '';
  }

  /**
   * On a pool tab: clicks Claim on record `id` and waits for the list's answer. Returns whether it was
   * claimed and the sentence shown (the server's own message on a refusal).
   */
  async claim(id: string): Promise<{ ok: boolean; message: string }> {
    const notice = this.page.getByTestId('claim-notice');
    await Promise.all([
      this.page.waitForResponse((r) => /\/api\/pools\/[^/]+\/claim$/.test(new URL(r.url()).pathname)),
      this.page.getByTestId(`claim-${id}`).click(),
    ]);
    await notice.waitFor();
    // the list reloads after every claim, successful or not
    await this.page.locator('[data-testid=record-table], [data-testid=state-empty]').first().waitFor();
    await this.page.locator('.table-wrap:not(.dim)').waitFor();
    const ok = (await notice.getAttribute('class'))?.includes('ok') ?? false;
    return { ok, message: ((await notice.locator('span').first().textContent()) ?? '').trim() };
  }

  /** On the open card: asks for "lost" or "invalid" with a reason and waits for the pending banner. */
  async requestReview(type: 'lost' | 'invalid', reason: string): Promise<string> {
    await this.page.getByTestId('request-open').click();
    const dialog = this.page.getByTestId('request-dialog');
    await dialog.getByTestId(`request-type-${type}`).check();
    await dialog.getByTestId('request-reason').fill(reason);
    await dialog.getByTestId('request-submit').click();
    const banner = this.page.getByTestId('request-pending');
    await banner.waitFor();
    return ((await banner.textContent()) ?? '').trim();
  }

  /** Opens the supervisors' review list and waits for its rows or its empty state. */
  async openReviews(): Promise<void> {
    await this.page.getByTestId('nav-reviews').click();
    // scoped to the review page: the workbench left behind has empty states of its own
    await this.page.getByTestId('reviews-page').locator('[data-testid=review-table], [data-testid=state-empty], [data-testid=state-error]').first().waitFor();
  }

  /** The text of the review row for record `id` (empty when there is none). */
  async reviewText(id: string): Promise<string> {
    const row = this.page.getByTestId(`review-row-${id}`);
    return (await row.count()) ? ((await row.textContent()) ?? '').trim() : '';
  }

  /** On the review list: approves or rejects the request on record `id`, with an optional note. */
  async decideReview(id: string, approve: boolean, note = ''): Promise<string> {
    await this.page.getByTestId(`${approve ? 'approve' : 'reject'}-${id}`).click();
    const dialog = this.page.getByTestId('review-dialog');
    if (note) await dialog.getByTestId('review-note').fill(note);
    await dialog.getByTestId('review-confirm').click();
    const done = this.page.getByTestId('review-done');
    await done.waitFor();
    return ((await done.textContent()) ?? '').trim();
  }

  /** The ownership detail lines of each log entry (owner, pool, rule, reason…), newest first. */
  async logDetails(): Promise<Array<{ action: string; detail: string }>> {
    const result: Array<{ action: string; detail: string }> = [];
    for (const entry of await this.page.getByTestId('log-entry').all()) {
      const detail = entry.getByTestId('log-detail');
      result.push({
        action: (await entry.getAttribute('data-action')) ?? '',
        detail: (await detail.count()) ? ((await detail.textContent()) ?? '').replace(/\s+/g, ' ').trim() : '',
      });
    }
    return result;
  }

  /** The phone bar's state selector: picks the state of the given kind (ready, busy, break…) or key; returns its key. */
  async setAgentState(kindOrKey: string): Promise<string> {
    const select = this.page.getByTestId('agent-state');
    await this.page.locator('[data-testid=agent-state]:not([disabled])').waitFor();
    const option = select.locator(`option[data-kind="${kindOrKey}"], option[value="${kindOrKey}"]`).first();
    const key = (await option.getAttribute('value')) ?? '';
    await select.selectOption(key);
    await this.page.locator(`[data-testid=agent-state][data-state="${key}"]`).waitFor();
    return key;
  }

  /** Waits until the phone bar says the line is ready. */
  async waitForPhone(): Promise<void> {
    await this.page.locator('[data-testid=phone-bar][data-link=ready]').waitFor({ timeout: CALL_TIMEOUT });
  }

  /** Waits for a call ringing in the call panel; returns its id and the screen pop's text. */
  async waitForRinging(timeout = CALL_TIMEOUT): Promise<{ callId: string; pop: string }> {
    const panel = this.page.locator('[data-testid=call-panel][data-status=ringing]');
    await panel.waitFor({ timeout });
    const pop = this.page.getByTestId('screen-pop');
    await pop.locator('[data-testid=pop-customer-link], [data-testid=pop-unknown]').first().waitFor();
    // the card's title arrives with the entity definition
    await this.page.waitForFunction(() => !document.querySelector('[data-testid=pop-customer-link]')?.textContent?.startsWith('#'));
    return { callId: (await panel.getAttribute('data-call')) ?? '', pop: ((await pop.textContent()) ?? '').replace(/\s+/g, ' ').trim() };
  }

  async answerCall(): Promise<void> {
    await this.page.getByTestId('call-answer').click();
    await this.page.locator('[data-testid=call-panel][data-status=talking]').waitFor({ timeout: CALL_TIMEOUT });
  }

  /** Hangs up and waits for the after-call work form. */
  async hangUp(): Promise<void> {
    await this.page.getByTestId('call-hangup').click();
    await this.page.getByTestId('disposition-form').waitFor({ timeout: CALL_TIMEOUT });
  }

  /**
   * In after-call work: picks an outcome, with a note and a contact plan time (`YYYY-MM-DDTHH:mm`, local) when
   * given, saves it and waits for the form to go.
   */
  async dispose(outcome: string, extra: { note?: string; contactAt?: string } = {}): Promise<void> {
    const form = this.page.getByTestId('wrapup-panel').getByTestId('disposition-form');
    await form.getByTestId(`disposition-${outcome}`).check();
    if (extra.note) await form.getByTestId('disposition-note').fill(extra.note);
    if (extra.contactAt) await form.getByTestId('disposition-contact-at').fill(extra.contactAt);
    await form.getByTestId('disposition-submit').click();
    await this.page.getByTestId('wrapup-panel').waitFor({ state: 'detached' });
  }

  /** The after-call work panel: who the call was with, as shown, and the seconds its countdown shows (null: none). */
  async wrapupPanel(): Promise<{ party: string; left: number | null }> {
    const panel = this.page.getByTestId('wrapup-panel');
    await panel.waitFor({ timeout: CALL_TIMEOUT });
    const countdown = panel.getByTestId('wrapup-countdown');
    const left = (await countdown.count()) ? Number(await countdown.getAttribute('data-left')) : null;
    return { party: ((await panel.getByTestId('wrapup-party').textContent()) ?? '').trim(), left };
  }

  /** The outcomes the after-call form offers, as keys. */
  async dispositionKeys(): Promise<string[]> {
    const radios = this.page.getByTestId('wrapup-panel').locator('input[name=outcome]');
    return radios.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  }

  /** Opens the call lists (a tab: incoming, mine, all) and waits for its rows or empty state. */
  async openCalls(view: 'incoming' | 'mine' | 'all' = 'mine'): Promise<void> {
    await this.page.getByTestId('nav-calls').click();
    await this.page.getByTestId(`calls-tab-${view}`).click();
    await this.page.locator(`[data-view="${view}"][data-loading=false]`).locator('[data-testid=call-table], [data-testid=state-empty]').first().waitFor();
  }

  /** The text of the calls list row for call `id` (empty when absent). */
  async callRowText(id: string): Promise<string> {
    const row = this.page.getByTestId(`call-row-${id}`);
    return (await row.count()) ? ((await row.textContent()) ?? '').replace(/\s+/g, ' ').trim() : '';
  }

  /** Click-to-call on the open card (or list row) of record `id`; waits for the outbound call in the panel. */
  async clickToCall(id: string): Promise<string> {
    await this.page.locator(`[data-testid=dial-${id}]:not([disabled])`).first().click();
    const panel = this.page.locator('[data-testid=call-panel][data-direction=out]');
    await panel.waitFor({ timeout: CALL_TIMEOUT });
    return (await panel.getAttribute('data-call')) ?? '';
  }

  /** Waits for the current call to be connected (outbound: the customer answered). */
  async waitForTalking(): Promise<void> {
    await this.page.locator('[data-testid=call-panel][data-status=talking]').waitFor({ timeout: CALL_TIMEOUT });
  }

  /**
   * Attended transfer, first step: opens the transfer dialog on the current call, picks the agent (user id) or
   * skill group (key) and chooses "Consult first"; waits for the panel to show the consultation.
   */
  async consult(target: { agent: string } | { group: string }): Promise<void> {
    await this.page.getByTestId('call-transfer').click();
    const dialog = this.page.getByTestId('call-transfer-dialog');
    if ('agent' in target) {
      await dialog.getByTestId('call-transfer-to-agent').check();
      await dialog.getByTestId('call-transfer-agent').selectOption(target.agent);
    } else {
      await dialog.getByTestId('call-transfer-to-group').check();
      await dialog.getByTestId('call-transfer-group').locator(`option[value="${target.group}"]`).waitFor({ state: 'attached' });
      await dialog.getByTestId('call-transfer-group').selectOption(target.group);
    }
    await dialog.getByTestId('call-consult-submit').click();
    await this.page.getByTestId('call-consulting').waitFor({ timeout: CALL_TIMEOUT });
  }

  /** During a consultation: the line saying whom this agent consults (ringing or talking). */
  async consultingText(): Promise<string> {
    return ((await this.page.getByTestId('call-consulting').textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Waits until the consulted agent has answered (the panel's consultation is talking). */
  async waitForConsultAnswered(): Promise<void> {
    await this.page.locator('[data-testid=call-panel][data-consult=talking]').waitFor({ timeout: CALL_TIMEOUT });
  }

  /** The current call's role on this console: agent (its owner), consult (consulted), conference (member). */
  async callRole(): Promise<string> {
    return (await this.page.getByTestId('call-panel').getAttribute('data-role')) ?? '';
  }

  /** During a consultation: hands the caller to the consulted agent; waits for the hand-off notice. */
  async completeTransfer(): Promise<string> {
    await this.page.locator('[data-testid=call-complete-transfer]:not([disabled])').click();
    await this.page.getByTestId('handoff-panel').waitFor({ timeout: CALL_TIMEOUT });
    return this.handoffText();
  }

  /** The notice shown after the call went to another agent (empty when there is none). */
  async handoffText(): Promise<string> {
    const panel = this.page.getByTestId('handoff-panel');
    return (await panel.count()) ? ((await panel.getByTestId('handoff-text').textContent()) ?? '').replace(/\s+/g, ' ').trim() : '';
  }

  /**
   * Starts recording everything this page receives: every HTTP response body (event streams excepted: their
   * frames come from the browser's own EventSource events), every Server-Sent Event and every WebSocket frame.
   */
  async captureTraffic(): Promise<TrafficCapture> {
    const texts: string[] = [];
    const reading: Promise<unknown>[] = [];
    const onResponse = (response: Response) => {
      if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
      reading.push(response.text().then((t) => texts.push(`${response.url()}\n${t}`)).catch(() => undefined));
    };
    this.page.on('response', onResponse);
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send('Network.enable');
    cdp.on('Network.eventSourceMessageReceived', (e) => texts.push(`sse ${e.eventName}\n${e.data}`));
    cdp.on('Network.webSocketFrameReceived', (e) => texts.push(`ws\n${e.response.payloadData}`));
    return {
      async texts() {
        await Promise.allSettled(reading);
        return [...texts];
      },
      stop: async () => {
        this.page.off('response', onResponse);
        await cdp.detach().catch(() => undefined);
      },
    };
  }

  /** Calls the runtime's API from the page, with the session cookie and CSRF header, as the console does. */
  async api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return pageApi<T>(this.page, method, path, body);
  }
}
