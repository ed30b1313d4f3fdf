/**
 * The README's screenshots ("Which persona for which story"): starts the local server on a
 * fresh data folder with the lived-in demo (`npm start`'s seeded year), opens a 390×844 phone in
 * Chromium, picks personas from the first-open chooser and saves each screen as a PNG under
 * docs/screens/readme/. Run: `npx tsx scripts/readme-screens.ts` (builds H5 when stale, as
 * `npm start` does). Chromium: /usr/bin/chromium or CHROMIUM_PATH.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhone, SHOT_PHONE } from '../tests/support/browser';
import { startApp, type StartedApp } from '../tests/support/local-server';

const outDir = resolve(__dirname, '..', 'docs', 'screens', 'readme');

interface Screen {
  file: string;
  /** The persona picked from the chooser (none: the chooser itself). */
  persona?: string;
  /** A hash path to open after picking, and a test id to wait for there. */
  path?: string;
  ready?: string;
}

const screens: Screen[] = [
  { file: '1-first-open.png' },
  { file: '2-admin-home.png', persona: 'demo-admin' },
  { file: '3-leader-home.png', persona: 'demo-leader' },
  { file: '4-member-home.png', persona: 'demo-member' },
  { file: '5-resident-topics.png', persona: 'demo-resident', path: '/pages/deliberation/index', ready: 'topic-list' },
];

async function phone(browser: Browser): Promise<Page> {
  const context = await newPhone(browser, SHOT_PHONE);
  return context.newPage();
}

async function take(app: StartedApp, browser: Browser, screen: Screen): Promise<void> {
  const page = await phone(browser);
  await page.goto(`${app.url}/`);
  await page.getByTestId('persona-chooser').getByText('试一试：', { exact: false }).first().waitFor();
  if (screen.persona) {
    await page.getByTestId(`persona-card-${screen.persona}`).click();
    await page.getByTestId('greeting').waitFor();
    // Every card has loaded (no 加载中…).
    await page.locator('.home-card__hint[aria-busy="true"]').first().waitFor({ state: 'detached' });
  }
  if (screen.path) {
    await page.goto(`${app.url}/#${screen.path}`);
    await page.getByTestId(screen.ready!).filter({ visible: true }).waitFor();
  }
  // Taro's page transition (a slide) and the fonts settle.
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(outDir, screen.file) });
  await page.context().close();
  console.log(`docs/screens/readme/${screen.file}`);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const app = await startApp({ history: true });
  const browser = await launchBrowser();
  try {
    for (const screen of screens) await take(app, browser, screen);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
