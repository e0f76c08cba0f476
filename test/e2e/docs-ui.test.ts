/**
 * The Swagger UI page in a real browser: the local runtime serves `/docs` (the swagger-ui-dist
 * files, no CDN) and `/openapi.json`; headless Chromium loads it and every operation of the
 * document must render. The screenshot is saved to test-results/docs-ui.png. Chromium is the
 * Debian `chromium` package (CHROMIUM_PATH overrides); without it this test fails rather than
 * skips, because the docs page would otherwise go untested.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalRuntime } from './e2e-fixtures.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = resolve('test-results', 'docs-ui.png');

const { runtime } = useLocalRuntime({
  queuePrefix: `docs-${Date.now().toString(36)}`,
  sweeperIntervalSeconds: 3600,
});
let browser: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install the Debian package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  profile = mkdtempSync(join(tmpdir(), 'docs-ui-chromium-'));
  // A fresh profile directory (playwright's way of passing --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 2400 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('GET /docs', () => {
  it('renders every operation of /openapi.json in Swagger UI, loading nothing from other origins', async () => {
    const document = (await (await fetch(`${runtime.url}/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods)).length;
    const page = await browser.newPage();
    const foreign: string[] = [];
    const failures: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(runtime.url) && !request.url().startsWith('data:'))
        foreign.push(request.url());
    });
    page.on('requestfailed', (request) => failures.push(request.url()));
    page.on('pageerror', (error) => failures.push(error.message));

    await page.goto(`${runtime.url}/docs`, { waitUntil: 'networkidle' });
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    await page
      .locator('.opblock')
      .nth(operations - 1)
      .waitFor({ timeout: 20_000 });

    expect(await page.locator('.opblock').count()).toBe(operations);
    expect(await page.locator('.info .title').textContent()).toContain('Taskforge API');
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    for (const path of ['/v1/tasks', '/v1/stats', '/v1/dead-letters/redrive', '/metrics', '/openapi.json'])
      expect(paths.map((p) => p.replace(/\u200b/g, ''))).toContain(path);
    expect(foreign).toEqual([]);
    expect(failures).toEqual([]);

    mkdirSync(resolve('test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`docs UI screenshot: ${SCREENSHOT}`);
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, 60_000);
});
