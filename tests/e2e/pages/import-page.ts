// Page object for the console's import wizard (console/src/routes/(app)/import): file -> columns ->
// preview -> destination -> the batch's progress, counts and error report. Like ConsolePage it drives the
// wizard only through its data-testid hooks and accessible names.
import type { Page } from 'playwright-core';

export interface PreviewRowText {
  /** the row number in the file (the header is row 1) */
  row: number;
  /** flagged by the preview (validation issue or duplicate) */
  flagged: boolean;
  /** the issues cell as shown ("OK", or "column: reason" lines) */
  issues: string;
}

export interface ImportSummary {
  /** the final banner ("Import finished", …) */
  status: string;
  /** the progress bar's value (percent) */
  percent: number;
  counts: { inserted: number; updated: number; rejected: number; duplicatesInFile: number; duplicatesInDb: number };
  /** href of the CSV error report, or null when none is offered */
  reportHref: string | null;
}

const IMPORT_TIMEOUT = 30_000;

export class ImportPage {
  constructor(readonly page: Page) {}

  /** Opens the wizard through the navigation and waits for its first step. */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-import').click();
    await this.page.getByTestId('import-file').waitFor();
  }

  /** Step 1: picks the entity (when given) and the file, uploads it, and waits for the column mapping. */
  async upload(filePath: string, entity?: string): Promise<void> {
    if (entity) await this.page.getByTestId('import-entity').selectOption(entity);
    await this.page.getByTestId('import-file').setInputFiles(filePath);
    await this.page.locator('form:has([data-testid=import-file]) button[type=submit]').click();
    await this.page.locator('[data-testid=import-mapping], [data-testid=import-error]').first().waitFor();
  }

  /** The error banner of the wizard, or null when there is none. */
  async error(): Promise<string | null> {
    const banner = this.page.getByTestId('import-error');
    return (await banner.count()) ? ((await banner.textContent()) ?? '').trim() : null;
  }

  /** Step 2: column -> chosen field key ('' = not imported), as the mapping table shows it now. */
  async mapping(): Promise<Record<string, string>> {
    const pairs = await this.page.getByTestId('import-mapping').locator('tbody select').evaluateAll((selects) =>
      selects.map((s) => [s.getAttribute('aria-label') ?? '', (s as HTMLSelectElement).value] as const));
    return Object.fromEntries(pairs);
  }

  /** Step 2: maps a column to a field key ('' to leave the column out). */
  async mapColumn(column: string, fieldKey: string): Promise<void> {
    await this.page.getByTestId('import-mapping').getByRole('combobox', { name: column, exact: true }).selectOption(fieldKey);
  }

  /** Step 2 -> 3: asks for the preview and waits for its table. */
  async toPreview(): Promise<void> {
    await this.page.getByTestId('import-to-preview').click();
    await this.page.locator('[data-testid=import-preview], [data-testid=import-error]').first().waitFor();
  }

  /** Step 3: the preview's rows with their flags and issues. */
  async previewRows(): Promise<PreviewRowText[]> {
    return this.page.getByTestId('import-preview').locator('tbody tr').evaluateAll((rows) =>
      rows.map((tr) => {
        const cells = tr.querySelectorAll('td');
        return {
          row: Number(cells[0]?.textContent?.trim() ?? ''),
          flagged: tr.classList.contains('bad'),
          issues: (cells[cells.length - 1]?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        };
      }));
  }

  /**
   * Step 3: where each preview row's cells are drawn, against the headers: for every row, per column, the
   * cell's left edge minus its header's (0 when the cell sits under its header), and the distinct tops of
   * the row's cells (one when they sit side by side). Rounded to whole pixels.
   */
  async previewLayout(): Promise<Array<{ offsets: number[]; tops: number[] }>> {
    return this.page.getByTestId('import-preview').evaluate((table) => {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
      return [...table.querySelectorAll('tbody tr')].map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.getBoundingClientRect());
        return {
          offsets: heads.map((h, k) => (cells[k] ? Math.round(cells[k].left - h.left) : NaN)),
          tops: [...new Set(cells.map((c) => Math.round(c.top)))],
        };
      });
    });
  }

  /** Step 3 -> 4: goes on to the destination and waits for its choices. */
  async toTarget(): Promise<void> {
    await this.page.getByTestId('import-to-target').click();
    await this.page.locator('[data-testid=import-start], [data-testid=import-error]').first().waitFor();
  }

  /** Step 4: "Into a pool", then the pool by its key; returns the label shown for the chosen pool. */
  async choosePool(poolKey: string): Promise<string> {
    await this.page.locator('input[type=radio][value=pool]').check();
    const select = this.page.getByTestId('import-pool');
    await select.selectOption(poolKey);
    return select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '');
  }

  /** Step 4 -> 5: starts the import and waits until the batch is over (its final banner is shown). */
  async start(): Promise<void> {
    await this.page.getByTestId('import-start').click();
    await this.page.locator('[data-testid=import-status], [data-testid=import-error]').first().waitFor({ timeout: IMPORT_TIMEOUT });
  }

  /** Step 5: what the finished batch shows. */
  async summary(): Promise<ImportSummary> {
    // A number list has no "updated" line (a list is never updated in place): 0 when a count is not shown.
    const count = async (key: string) => {
      const cell = this.page.getByTestId(`count-${key}`);
      return (await cell.count()) ? Number(((await cell.textContent()) ?? '').trim()) : 0;
    };
    const report = this.page.getByTestId('import-report');
    return {
      status: ((await this.page.getByTestId('import-status').textContent()) ?? '').trim(),
      percent: Number(await this.page.locator('progress').getAttribute('value')),
      counts: {
        inserted: await count('inserted'),
        updated: await count('updated'),
        rejected: await count('rejected'),
        duplicatesInFile: await count('duplicatesInFile'),
        duplicatesInDb: await count('duplicatesInDb'),
      },
      reportHref: (await report.count()) ? await report.getAttribute('href') : null,
    };
  }

  /** The rejected rows the page shows after a finished import (row and reason of each), once the table is there. */
  async rejectedRows(): Promise<Array<{ row: number; reason: string }>> {
    await this.page.getByTestId('import-rejected').waitFor({ timeout: IMPORT_TIMEOUT });
    const rows = this.page.getByTestId('rejected-row');
    const out: Array<{ row: number; reason: string }> = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const r = rows.nth(i);
      out.push({ row: Number(await r.getAttribute('data-row')), reason: ((await r.getByTestId('rejected-reason').textContent()) ?? '').trim() });
    }
    return out;
  }

  /** Downloads a file the page links to (with the session cookie) and returns its status and text. */
  async fetchText(href: string): Promise<{ status: number; type: string; text: string }> {
    return this.page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    }, href);
  }
}
