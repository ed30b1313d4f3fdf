/**
 * Screenshots of every main screen (tests/e2e/screens.ts) in the normal mode and in 长辈模式, as
 * 王红梅 (社区书记) on a 390×844 phone, into docs/screens/<name>.png and <name>.elder.png.
 * It starts the local server on the H5 build (built first when stale) with the lived-in demo.
 *
 * Usage: npx tsx scripts/screens.ts [--measure]   (--measure also prints text and tap sizes)
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newPhone, SHOT_PHONE } from '../tests/support/browser';
import { startApp } from '../tests/support/local-server';
import { MAIN_SCREENS, measure, openScreen } from '../tests/e2e/screens';

const OUT = resolve(__dirname, '..', 'docs', 'screens');
const PERSONA = { name: /王红梅/, current: '王红梅' };

async function setMode(page: Page, url: string, elder: boolean): Promise<void> {
  await page.goto(`${url}/#/pages/mine/index`);
  const toggle = page.getByTestId('elder-switch').filter({ visible: true });
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-checked')) !== String(elder)) await toggle.click();
  await page.waitForFunction((on) => document.documentElement.classList.contains('elder-mode') === on, elder);
}

async function main(): Promise<void> {
  const printMeasures = process.argv.includes('--measure');
  mkdirSync(OUT, { recursive: true });
  // The lived-in demo (a year of history), so the screens show what a community really has.
  process.env.DEMO_HISTORY = 'on';
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const context = await newPhone(browser, SHOT_PHONE);
    const page = await context.newPage();
    await page.goto(`${app.url}/#/pages/mine/index`);
    await page.getByTestId('persona-open').filter({ visible: true }).click();
    await page.getByRole('option', { name: PERSONA.name }).click();
    await page
      .getByTestId('persona-current')
      .filter({ visible: true })
      .getByText(`当前身份：${PERSONA.current}`)
      .waitFor();
    for (const elder of [false, true]) {
      await setMode(page, app.url, elder);
      for (const screen of MAIN_SCREENS) {
        await openScreen(page, app.url, screen);
        const file = join(OUT, `${screen.name}${elder ? '.elder' : ''}.png`);
        await page.screenshot({ path: file });
        if (printMeasures) {
          const m = await measure(page, elder ? 18 : 0, elder ? 60 : 44);
          console.log(
            `${elder ? 'elder ' : 'normal'} ${screen.name}: min text ${m.minFont.toFixed(1)} px, min target ${m.minTargetSide.toFixed(0)} px`,
            JSON.stringify({
              small: m.smallText,
              tight: m.tightLines,
              contrast: m.lowContrast,
              targets: m.smallTargets,
            }),
          );
        } else {
          console.log(file);
        }
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
