import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { BuilderPage } from '../pages/builder-page.js';
import { ConsolePage } from '../pages/console-page.js';
import { launchBrowser } from './browser.js';
import { startProduct, type Product } from './product.js';

/** The window every e2e page opens in unless a test asks for another. */
export const VIEWPORT = { width: 1366, height: 768 };

export interface SessionOptions {
  /** Runs before the product starts (e.g. to set environment it reads). */
  beforeStart?(): unknown;
  /** Runs once the product is up, before the browser launches (e.g. to move its clock). */
  afterStart?(product: Product): unknown;
  /** Runs first when the file is done, while pages are still open. */
  beforeClose?(): unknown;
  /** Runs last, once the browser and the product are closed. */
  afterClose?(): unknown;
}

/** What one test file runs against; filled in by its beforeAll, so read it inside the tests. */
export interface Session {
  product: Product;
  browser: Browser;
  /** Signs `login` in to the console in a browser context of its own, in English; it closes with the session. */
  consoleAs(login: string, password: string): Promise<ConsolePage>;
}

/**
 * For one test file (call it in the describe): starts the product and launches the browser before the
 * tests, and closes the browser contexts it opened, the browser and the product after them.
 */
export function useSession(options: SessionOptions = {}): Session {
  const contexts: BrowserContext[] = [];
  let closeBrowser: (() => Promise<void>) | undefined;
  const session = {
    async consoleAs(login: string, password: string): Promise<ConsolePage> {
      const context = await session.browser.newContext({ viewport: VIEWPORT });
      contexts.push(context);
      const console = new ConsolePage(await context.newPage());
      await console.login(session.product.baseUrl, login, password);
      await console.setLanguage('en');
      return console;
    },
  } as Session;

  beforeAll(async () => {
    await options.beforeStart?.();
    session.product = await startProduct();
    await options.afterStart?.(session.product);
    ({ browser: session.browser, close: closeBrowser } = await launchBrowser());
  }, 120_000);

  afterAll(async () => {
    await options.beforeClose?.();
    for (const context of contexts) await context.close().catch(() => undefined);
    await closeBrowser?.();
    await session.product?.close();
    await options.afterClose?.();
  });

  return session;
}

export interface AdminSession extends Session {
  /** The page the admin is signed in to the builder on. */
  page: Page;
  builder: BuilderPage;
}

/** A session whose one page has the admin signed in to the builder before the tests run. */
export function useAdminInBuilder(options: SessionOptions & { page?: BrowserContextOptions } = {}): AdminSession {
  const session = useSession(options) as AdminSession;
  beforeAll(async () => {
    session.page = await session.browser.newPage({ viewport: VIEWPORT, ...options.page });
    session.builder = new BuilderPage(session.page);
    await session.builder.login(session.product.baseUrl, 'admin', 'admin123');
  }, 120_000);
  return session;
}
