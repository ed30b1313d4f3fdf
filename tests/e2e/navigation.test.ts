/**
 * Nobody is stranded (issue 17, part 3; issue 16, part 2): every page shows its Chinese title in
 * the bar; every sub-page has a way back — back to the page it came from, or, opened directly by
 * its address, home; and a page that needs someone signed in, registered or bound says so and
 * leads there instead of "尚未登录" or a bare "出错了". Every page fails the test on a console
 * error, a page error or a failed request.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { artifact } from '../support/browser';
import { appAndBrowser, visible } from './support';

jest.setTimeout(600_000);

const e2e = appAndBrowser();

interface AppConfig {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
}
const SRC = join(__dirname, '..', '..', 'src');
const globals = globalThis as Record<string, unknown>;
globals.defineAppConfig = (config: unknown) => config;
globals.definePageConfig = (config: unknown) => config;
const load = <T>(file: string): T => (require(file) as { default: T }).default;
const appConfig = load<AppConfig>(join(SRC, 'app.config.ts'));
const titleOf = (page: string) =>
  load<{ navigationBarTitleText: string }>(join(SRC, `${page}.config.ts`)).navigationBarTitleText;
const subPages = appConfig.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`));

/**
 * A fresh phone and its page, under the file's quiet-console guard (`e2e.phone()`): the test fails
 * on any console error, page error, failed request or HTTP error of its pages.
 */
async function freshPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.phone();
  return { context, page: await context.newPage() };
}

/** Picks a persona on the first-open chooser, as a visitor would, and waits for their home. */
async function choose(page: Page, openid: string): Promise<void> {
  await page.goto(`${e2e.app.url}/`);
  await page.getByTestId(`persona-card-${openid}`).click();
  await visible(page, 'greeting').waitFor();
}

const bar = (page: Page) => page.locator('#taro-navigation-bar');
const back = (page: Page): Locator => bar(page).getByRole('button', { name: '返回' });
const home = (page: Page): Locator => bar(page).getByRole('button', { name: '回到首页' });

/** The bar shows `title`, in words and as the document's title. */
async function expectTitle(page: Page, title: string): Promise<void> {
  await bar(page).locator('.taro-navigation-bar-title').getByText(title, { exact: true }).waitFor();
  expect(await page.title()).toBe(title);
}

/** The button is on screen and at least 44×44 CSS px. */
async function expectTappable(button: Locator): Promise<void> {
  await button.waitFor();
  const box = await button.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(44);
  expect(box?.height).toBeGreaterThanOrEqual(44);
}

async function bodyText(page: Page): Promise<string> {
  return (await page.locator('.taro_page').filter({ visible: true }).last().textContent()) ?? '';
}

test('an anonymous visitor who taps each tab or opens 双报到 is led to choose a persona, not 尚未登录 or 出错了', async () => {
  const { context, page } = await freshPhone();
  await page.goto(`${e2e.app.url}/`);
  await page.getByTestId('persona-chooser').waitFor();
  await expectTitle(page, '红色邻里');

  for (const [tab, title] of [
    ['心愿', '微心愿'],
    ['志愿', '志愿服务'],
    ['议事', '小区议事'],
    ['我的', '我的'],
  ] as const) {
    await page.locator('.weui-tabbar__item').filter({ hasText: tab }).click();
    await expectTitle(page, title);
    const lead = visible(page, 'need-sign-in');
    await lead.getByText('请先选择体验身份').waitFor();
    await expectTappable(lead.getByTestId('need-sign-in-go'));
    // A tab has no way back: it is a tab.
    expect(await back(page).isVisible()).toBe(false);
    const text = await bodyText(page);
    expect(text).not.toContain('尚未登录');
    expect(text).not.toContain('出错了');
  }
  await page.screenshot({ path: artifact('e2e-navigation-anonymous-tab.png') });

  // 双报到, opened by its address: the same lead, and the way home.
  await page.goto(`${e2e.app.url}/#/packages/checkin/pages/index/index`);
  await expectTitle(page, '双报到');
  const lead = visible(page, 'need-sign-in');
  await lead.getByText('请先选择体验身份').waitFor();
  expect(await bodyText(page)).not.toContain('出错了');
  await expectTappable(home(page));
  await page.screenshot({ path: artifact('e2e-navigation-anonymous-checkin.png') });

  // The lead goes to the persona chooser.
  await lead.getByTestId('need-sign-in-go').getByText('去选择身份').click();
  await page.getByTestId('persona-chooser').waitFor();
  await context.close();
});

test('a newcomer with no household who taps 双报到 is led to bind one, and comes back', async () => {
  const { context, page } = await freshPhone();
  await choose(page, 'demo-newcomer');
  await visible(page, 'home-tile-checkin').click();
  await expectTitle(page, '双报到');
  const lead = visible(page, 'need-bind');
  await lead.getByText('请先绑定房屋').waitFor();
  expect(await bodyText(page)).not.toContain('出错了');
  await page.screenshot({ path: artifact('e2e-navigation-newcomer-checkin.png') });

  await lead.getByTestId('need-bind-go').getByText('去绑定房屋').click();
  await expectTitle(page, '绑定房屋');
  await page.getByText('按顺序选择您居住的小区、楼栋和房号').waitFor();
  await expectTappable(back(page));
  await back(page).click();
  await expectTitle(page, '双报到');
  await visible(page, 'need-bind').waitFor();
  await back(page).click();
  await expectTitle(page, '红色邻里');
  await visible(page, 'greeting').waitFor();
  await context.close();
});

test('a sub-page opened from a page goes back to it', async () => {
  const { context, page } = await freshPhone();
  await choose(page, 'demo-admin');
  await visible(page, 'home-tile-checkin').click();
  await expectTitle(page, '双报到');
  // Came from 首页: the bar offers 返回, not 首页.
  await expectTappable(back(page));
  expect(await home(page).isVisible()).toBe(false);
  await page.screenshot({ path: artifact('e2e-navigation-back.png') });
  await back(page).click();
  await expectTitle(page, '红色邻里');
  await visible(page, 'greeting').waitFor();
  expect(await back(page).isVisible()).toBe(false);
  await context.close();
});

test('every sub-page opened directly by its address shows its title and a way home', async () => {
  const { context, page } = await freshPhone();
  await choose(page, 'demo-admin');
  for (const sub of subPages) {
    // Leave once the last page has loaded what it asked for (leaving earlier would abort it), for
    // a fresh document each time (a hash change alone would stack the page onto the last one).
    await page.waitForLoadState('networkidle');
    await page.goto('about:blank');
    await page.goto(`${e2e.app.url}/#/${sub}`);
    await expectTitle(page, titleOf(sub));
    // Nothing to go back to: the bar offers home instead.
    await expectTappable(home(page));
    expect(await back(page).isVisible()).toBe(false);
  }
  // The way home works, here from the last one.
  await home(page).click();
  await expectTitle(page, '红色邻里');
  await visible(page, 'greeting').waitFor();
  await context.close();
});
