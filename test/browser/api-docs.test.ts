// Proves /docs renders the API reference in Chromium with every request served by the service itself (anything else is blocked and would fail the test), listing every documented operation; leaves a screenshot in test-artifacts/api-docs.png.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { LocalStack } from '../../functions/local/local-stack';
import { buildOpenApiDocument, documentedRouteKeys } from '../../functions/openapi/openapi-document';
import { startTestStack } from '../support/local-stack';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

jest.setTimeout(60_000);

describe('the API reference in a browser', () => {
  let stack: LocalStack;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (CI's .ci/run does this).`);
    }
    stack = await startTestStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows every operation of the document, loading nothing from outside the service', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const outside: string[] = [];
    const problems: string[] = [];
    // No network but the service: a request anywhere else is refused and remembered.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(stack.url) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    const response = await page.goto(`${stack.url}/docs`);
    await page.waitForSelector('.opblock-summary');

    // Every route, and the outgoing webhook in its own section.
    const expected = [...documentedRouteKeys(buildOpenApiDocument()), 'POST PaymentSucceeded'].sort();
    await page.locator('.opblock').nth(expected.length - 1).waitFor();
    const shown = await page.$$eval('.opblock', (blocks) =>
      blocks.map((block) => `${block.querySelector('.opblock-summary-method')?.textContent?.trim()} ${block.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`),
    );

    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.textContent('.info .title')).toContain('Online fee payments API');
    expect(shown.sort()).toEqual(expected);
    expect(await page.$$eval('.opblock-tag', (tags) => tags.map((tag) => tag.getAttribute('data-tag')))).toEqual(
      expect.arrayContaining(['Payments', 'Provider callbacks', 'Reconciliation', 'Reports']),
    );
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);

    // One operation opened, as a reader would, for the screenshot.
    await page.click('#operations-Payments-createPayment .opblock-summary');
    await page.waitForSelector('#operations-Payments-createPayment .opblock-body');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs.png'), fullPage: false });
    await context.close();
  });
});
