/**
 * 长辈模式 (适老化, docs/adr/0035-elder-mode.md) in the H5 build: a first open offers it on 首页;
 * the switch in 我的 turns it on and it survives a reload; then on every main screen
 * (tests/e2e/screens.ts) — the tab bar included — every text is ≥ 18 px with a line height
 * ≥ 1.3 and contrast ≥ 4.5:1, and every tap target is ≥ 60 × 60 px. In the normal mode every tap
 * target is ≥ 44 × 44 px. The page is 375 px wide (tests/support/browser.ts), where 18 px is
 * the smallest the stylesheets allow.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { newPhone } from '../support/browser';
import { appAndBrowser, shot, switchPersona } from './support';
import { MAIN_SCREENS, measure, openScreen, type Measured } from './screens';

jest.setTimeout(600_000);
// The lived-in demo (a year of history), so every list has items to open.
const e2e = appAndBrowser({ history: true });

async function phoneAs(name: RegExp, current: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newPhone(e2e.browser);
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await switchPersona(page, name, current);
  return { context, page };
}

const elderOn = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('elder-mode'));

/** Only what broke the rules, per screen, so a failure names the screen and the element. */
function problems(measured: Measured): Partial<Measured> {
  const found: Partial<Measured> = {};
  for (const key of ['smallText', 'tightLines', 'lowContrast', 'smallTargets'] as const) {
    if (measured[key].length > 0) found[key] = measured[key];
  }
  return found;
}

test('a first open offers 长辈模式 on 首页; 开启 turns it on, and the offer does not come back', async () => {
  const { context, page } = await phoneAs(/张秀英/, '张秀英');
  await page.goto(`${e2e.app.url}/#/pages/index/index`);
  const offer = page.getByTestId('elder-offer').filter({ visible: true });
  await offer.waitFor();
  expect(await elderOn(page)).toBe(false);
  await page.getByTestId('elder-offer-yes').filter({ visible: true }).click();
  await offer.waitFor({ state: 'detached' });
  expect(await elderOn(page)).toBe(true);
  await page.reload();
  await page.getByTestId('greeting').filter({ visible: true }).waitFor();
  expect(await elderOn(page)).toBe(true);
  expect(await page.getByTestId('elder-offer').filter({ visible: true }).count()).toBe(0);
  await context.close();
});

test('暂不需要 keeps the normal mode and answers the offer for good', async () => {
  const { context, page } = await phoneAs(/张秀英/, '张秀英');
  await page.goto(`${e2e.app.url}/#/pages/index/index`);
  await page.getByTestId('elder-offer-no').filter({ visible: true }).click();
  await page.getByTestId('elder-offer').filter({ visible: true }).waitFor({ state: 'detached' });
  await page.reload();
  await page.getByTestId('greeting').filter({ visible: true }).waitFor();
  expect(await page.getByTestId('elder-offer').filter({ visible: true }).count()).toBe(0);
  expect(await elderOn(page)).toBe(false);
  await context.close();
});

test('in 长辈模式 (switched on in 我的, kept over a reload) every main screen has text ≥ 18 px, line height ≥ 1.3, contrast ≥ 4.5:1 and tap targets ≥ 60 × 60 px', async () => {
  const { context, page } = await phoneAs(/王红梅/, '王红梅');
  const toggle = page.getByTestId('elder-switch').filter({ visible: true });
  await toggle.scrollIntoViewIfNeeded();
  expect(await toggle.getAttribute('aria-checked')).toBe('false');
  const before = await page
    .getByText('我的身份')
    .filter({ visible: true })
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await toggle.click();
  expect(await toggle.getAttribute('aria-checked')).toBe('true');
  await toggle.getByText('已开启').waitFor();
  const after = await page
    .getByText('我的身份')
    .filter({ visible: true })
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(after).toBeGreaterThan(before);

  await page.reload();
  await page.getByTestId('elder-switch').filter({ visible: true }).waitFor();
  expect(await elderOn(page)).toBe(true);
  expect(await page.getByTestId('elder-switch').filter({ visible: true }).getAttribute('aria-checked')).toBe('true');

  const report: Record<string, Partial<Measured>> = {};
  const sizes: string[] = [];
  for (const screen of MAIN_SCREENS) {
    await openScreen(page, e2e.app.url, screen);
    const measured = await measure(page, 18, 60);
    expect(measured.texts).toBeGreaterThan(3);
    sizes.push(
      `${screen.name}: text ≥ ${measured.minFont.toFixed(1)} px, targets ≥ ${measured.minTargetSide.toFixed(0)} px`,
    );
    const found = problems(measured);
    if (Object.keys(found).length > 0) report[screen.name] = found;
  }
  await shot(page, 'elder-last-screen.png');
  console.log(`长辈模式 at 375 px:\n${sizes.join('\n')}`);
  expect(report).toEqual({});
  await context.close();
});

test('in the normal mode every tap target on every main screen is ≥ 44 × 44 px', async () => {
  const { context, page } = await phoneAs(/王红梅/, '王红梅');
  expect(await elderOn(page)).toBe(false);
  const report: Record<string, string[]> = {};
  const sizes: string[] = [];
  for (const screen of MAIN_SCREENS) {
    await openScreen(page, e2e.app.url, screen);
    const measured = await measure(page, 0, 44);
    sizes.push(
      `${screen.name}: text ≥ ${measured.minFont.toFixed(1)} px, targets ≥ ${measured.minTargetSide.toFixed(0)} px`,
    );
    if (measured.smallTargets.length > 0) report[screen.name] = measured.smallTargets;
  }
  console.log(`normal mode at 375 px:\n${sizes.join('\n')}`);
  expect(report).toEqual({});
  await context.close();
});
