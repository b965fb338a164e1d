import type { Page } from 'playwright-core';

/** The builder's report and dashboard designers, driven through their data-testid hooks (language-independent). */
export class ReportDesignerPage {
  constructor(readonly page: Page) {}

  /** Creates a definition of `kind` ('report' or 'dashboard') from its list and waits for its designer. */
  async create(kind: 'report' | 'dashboard', key: string, labelZh: string, labelEn: string): Promise<void> {
    const page = this.page;
    await page.getByTestId(`nav-${kind}s`).click();
    await page.getByTestId(`new-${kind}`).click();
    const dialog = page.getByTestId(`new-${kind}-dialog`);
    await dialog.getByTestId(`new-${kind}-key`).fill(key);
    await dialog.getByTestId(`new-${kind}-label-zh`).fill(labelZh);
    await dialog.getByTestId(`new-${kind}-label-en`).fill(labelEn);
    await dialog.getByTestId(`new-${kind}-create`).click();
    await page.getByTestId(kind === 'report' ? 'report-palette' : 'dashboard-grid').waitFor();
  }

  /**
   * Drags a palette item (`builtIn:owner`, `field:talkSec`, `metric:aht`) onto a zone with the mouse, in small steps
   * (the designer's drag starts after a few pixels of movement, as a person's does).
   */
  async drag(item: string, zone: 'rows' | 'columns' | 'measures'): Promise<void> {
    const page = this.page;
    const source = page.getByTestId(`palette-${item}`);
    await source.scrollIntoViewIfNeeded();
    const from = (await source.boundingBox())!;
    const to = (await page.getByTestId(`zone-${zone}`).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
  }

  /** What the preview's chart draws: the category axis and each series' name and values. */
  async chart(): Promise<{ categories: string[]; series: Array<{ type: string; name: string; data: unknown[] }> }> {
    const chart = this.page.getByTestId('report-preview').getByTestId('report-chart');
    await chart.waitFor();
    return {
      categories: JSON.parse((await chart.getAttribute('data-categories')) ?? '[]'),
      series: JSON.parse((await chart.getAttribute('data-series')) ?? '[]'),
    };
  }

  sentence(): Promise<string> {
    return this.page.getByTestId('report-sentence').innerText();
  }

  /** Drags a dashboard tile by its heading so that its top left corner lands at (dx, dy) pixels from where it was. */
  async moveTile(id: string, dx: number, dy: number): Promise<void> {
    const page = this.page;
    const head = (await page.getByTestId(`tile-${id}`).locator('.tile-drag-handle').boundingBox())!;
    const x = head.x + 40;
    const y = head.y + head.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 10, y + 10, { steps: 3 });
    await page.mouse.move(x + dx, y + dy, { steps: 15 });
    await page.mouse.up();
  }

  /** Drags a dashboard tile's resize corner by (dx, dy) pixels. */
  async resizeTile(id: string, dx: number, dy: number): Promise<void> {
    const page = this.page;
    const handle = (await page.getByTestId(`grid-item-${id}`).locator('.react-resizable-handle').last().boundingBox())!;
    const x = handle.x + handle.width / 2;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx, y + dy, { steps: 15 });
    await page.mouse.up();
  }
}
