import type { Locator, Page } from 'playwright-core';

export interface NewFlowSpec {
  key: string;
  labelZh: string;
  labelEn: string;
  languages: ('zh' | 'en')[];
}

/** The builder's call flow designer, driven through its data-testid hooks and React Flow's DOM (language-independent). */
export class FlowDesignerPage {
  constructor(readonly page: Page) {}

  /** Creates a flow (as a draft) from the Call flows list and waits for its canvas. */
  async createFlow(spec: NewFlowSpec): Promise<void> {
    const page = this.page;
    await page.getByTestId('nav-flows').click();
    await page.getByTestId('flows-page').waitFor();
    await page.getByTestId('new-flow').click();
    const dialog = page.getByTestId('new-flow-dialog');
    await dialog.getByTestId('new-flow-key').fill(spec.key);
    await dialog.getByTestId('new-flow-label-zh').fill(spec.labelZh);
    await dialog.getByTestId('new-flow-label-en').fill(spec.labelEn);
    // Tick the wanted languages first: the dialog keeps at least one.
    for (const lang of spec.languages) await dialog.getByTestId(`new-flow-language-${lang}`).setChecked(true);
    for (const lang of ['zh', 'en'] as const) if (!spec.languages.includes(lang)) await dialog.getByTestId(`new-flow-language-${lang}`).setChecked(false);
    await dialog.getByTestId('new-flow-create').click();
    await page.locator('.react-flow__pane').waitFor();
  }

  node(id: string): Locator {
    return this.page.locator(`[data-testid="flow-node"][data-id="${id}"]`);
  }

  edge(source: string, port: string): Locator {
    return this.page.locator(`.react-flow__edge[data-id="${source}:${port}"]`);
  }

  /**
   * Drags a node type from the palette onto the canvas (HTML5 drag and drop), dropped at (x, y) from the
   * canvas' top-left corner; resolves with the new node's name once its settings panel is open.
   */
  async dragNode(type: string, x: number, y: number): Promise<string> {
    const page = this.page;
    const before = await page.locator(`[data-testid="flow-node"][data-type="${type}"]`).count();
    await page.getByTestId(`palette-${type}`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
    const added = page.locator(`[data-testid="flow-node"][data-type="${type}"]`).nth(before);
    await added.waitFor();
    const id = (await added.getAttribute('data-id'))!;
    await page.locator(`[data-testid="node-panel"][data-id="${id}"]`).waitFor();
    return id;
  }

  /** Selects a node by clicking its title, and waits for its settings panel. */
  async selectNode(id: string): Promise<Locator> {
    await this.node(id).locator('.flow-node-head').click();
    const panel = this.page.locator(`[data-testid="node-panel"][data-id="${id}"]`);
    await panel.waitFor();
    return panel;
  }

  /** Links a port of one node to another node by dragging from the port's handle to the target's input handle. */
  async connect(source: string, port: string, target: string): Promise<void> {
    const page = this.page;
    const from = await this.node(source).locator(`.react-flow__handle[data-handleid="${port}"]`).boundingBox();
    const to = await this.node(target).locator('.react-flow__handle.target').boundingBox();
    if (!from || !to) throw new Error(`no handle for ${source}:${port} -> ${target}`);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
    await this.edge(source, port).waitFor();
  }

  async openTestPanel(): Promise<void> {
    await this.page.getByTestId('side-test').click();
    await this.page.getByTestId('test-panel').waitFor();
  }

  /** Starts a simulated call and waits until the flow waits for something (keys, a prompt to finish...). */
  async startCall(): Promise<void> {
    await this.page.getByTestId('sim-start').click();
    await this.page.locator('[data-testid="test-panel"][data-waiting]:not([data-waiting=""])').waitFor();
  }

  /** Waits until the current node listens for keys. */
  async waitForKeys(): Promise<void> {
    await this.page.locator('[data-testid="test-panel"][data-waiting~="digits"]').waitFor();
  }

  async press(key: string): Promise<void> {
    await this.page.getByTestId(`key-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`).click();
  }
}
