import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { LocalStack } from '../../functions/local/local-stack';

/**
 * The browser harness: Debian's Chromium driven by playwright-core, headless; screenshots into a
 * folder git ignores; and an accessibility check that runs axe-core in the page and fails on any
 * serious or critical violation. axe is evaluated through the DevTools protocol, which the pages'
 * Content Security Policy (no inline script) does not block, so the pages are checked exactly as served.
 */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (CI's .ci/run does this).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A fresh browser profile (no cookies), Vietnamese, at a desktop size unless told otherwise. */
export async function newPage(browser: Browser, viewport = { width: 1366, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  return { context, page: await context.newPage() };
}

/** Writes a full-page screenshot to test-artifacts/screenshots/<name>.png and answers its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: readonly string[] }>;
}

/** Runs axe-core (WCAG 2.1 A and AA) on the page as it is now; throws listing every serious or critical violation. */
export async function checkAccessibility(page: Page): Promise<void> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    throw new Error(`accessibility violations on ${page.url()}:\n${lines.join('\n')}`);
  }
}

/** Signs in through the form as a person does, and waits for the page it lands on. */
export async function signInWithForm(page: Page, stack: LocalStack, username: string, password: string, path = '/login'): Promise<void> {
  await page.goto(`${stack.url}${path}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Đăng nhập")')]);
}

/** Whether the page fits its viewport's width (nothing to scroll sideways but inside a table's own box). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
}
