/**
 * End to end through every layer: the H5 build in Chromium → POST /api/functions/<name> →
 * the function host (the deployable bundle) → the real node SDK → the database emulator →
 * SQLite, and back to the screen. A fresh visitor meets the persona chooser (who they can be,
 * what each does, a story to try), picks a persona and sees that persona's home: their to-dos
 * and what is new. Every page here fails the test on any console error or failed request.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifact, launchBrowser, newPhone } from '../support/browser';
import { startApp, type StartedApp } from '../support/local-server';
import { expectedCards } from '../home/expected-cards';
import { guardConsole } from './support';

jest.setTimeout(300_000);

let app: StartedApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/**
 * A fresh phone (no stored persona) whose page records every console error, page error,
 * failed request and HTTP error reply; `quiet()` asserts there were none.
 */
async function freshPhone(): Promise<{ context: BrowserContext; page: Page; quiet: () => void }> {
  const context = await newPhone(browser);
  const page = await context.newPage();
  const { quiet } = guardConsole(context);
  return { context, page, quiet };
}

/** Key personas as the chooser lists them; each must see the home cards of tests/home/expected-cards.ts. */
const personas = [
  { openid: 'demo-admin', name: '王红梅', title: '社区书记' },
  { openid: 'demo-leader', name: '陈志强', title: '幸福里1号楼党小组长' },
  { openid: 'demo-member', name: '李建国', title: '在职党员（市税务局第三分局）' },
  { openid: 'demo-resident', name: '张秀英', title: '居民（74岁）' },
  { openid: 'demo-newcomer', name: '马晓东', title: '新住户（未绑定）' },
  { openid: 'demo-street', name: '刘志强', title: '和平街道工作人员' },
].map((p) => ({ ...p, cards: expectedCards[p.openid] ?? [] }));

test('a first open shows who you can be — each persona with what they do and a story to try — not 尚未登录', async () => {
  const { context, page, quiet } = await freshPhone();
  await page.goto(`${app.url}/`);

  const chooser = page.getByTestId('persona-chooser');
  await chooser.getByText('请选择一个身份', { exact: false }).waitFor();
  for (const p of personas) {
    const card = chooser.getByTestId(`persona-card-${p.openid}`);
    await card.getByText(p.name, { exact: true }).waitFor();
    await card.getByText(p.title, { exact: true }).waitFor();
    await card.getByText('试一试：', { exact: false }).waitFor();
    // Every card is one big tap target (44 CSS px at the very least).
    const box = await card.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
  }
  await chooser.getByText('切换身份', { exact: false }).first().waitFor();
  const text = (await page.textContent('body')) ?? '';
  expect(text).not.toContain('尚未登录');
  expect(text).not.toContain('请在微信中打开');
  await page.screenshot({ path: artifact('e2e-home-first-open.png'), fullPage: true });
  quiet();
  await context.close();
});

test.each(personas)('$name picked from the chooser sees their own home: their to-dos and what is new', async (p) => {
  const { context, page, quiet } = await freshPhone();
  await page.goto(`${app.url}/`);
  await page.getByTestId(`persona-card-${p.openid}`).click();

  await page.getByTestId('greeting').getByText(`您好，${p.name}`).waitFor();
  await page.getByTestId('persona-current').getByText(`当前身份：${p.name}（${p.title}）`).waitFor();
  for (const key of p.cards) {
    const card = page.getByTestId(`home-card-${key}`);
    await card.waitFor();
    // Loaded (no spinner text), and not an error.
    await card.getByText('加载中…').waitFor({ state: 'detached' });
    expect(await card.textContent()).not.toContain('出错了');
  }
  expect(await page.locator('[data-testid^="home-card-"]:not([data-testid="home-card-count"])').count()).toBe(
    p.cards.length,
  );
  const text = (await page.textContent('body')) ?? '';
  expect(text).not.toContain('数据库');
  expect(text).not.toContain('毫秒');
  await page.waitForTimeout(300);
  await page.screenshot({ path: artifact(`e2e-home-${p.openid}.png`), fullPage: true });
  quiet();
  await context.close();
});

test('the admin’s to-do opens the screen that acts on it', async () => {
  const { context, page, quiet } = await freshPhone();
  await page.goto(`${app.url}/`);
  await page.getByTestId('persona-card-demo-admin').click();
  const bindings = page.getByTestId('home-card-bindings');
  await bindings.getByText('马晓东 申请绑定', { exact: false }).waitFor();
  await bindings.getByTestId('home-card-count').getByText('1 项待办').waitFor();
  await bindings.getByText('去审核', { exact: false }).click();
  await page.waitForURL(/binding-review/);
  await page.getByText('马晓东', { exact: false }).first().waitFor();
  quiet();
  await context.close();
});

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('a resident posts a wish with a photo, opens it from her home, and the console stays quiet', async () => {
  const { context, page, quiet } = await freshPhone();
  await page.goto(`${app.url}/`);
  await page.getByTestId('persona-card-demo-resident').click();
  await page.getByTestId('home-card-my-wishes').waitFor();

  await page.goto(`${app.url}/#/packages/wish/pages/post/index`);
  await page.getByText('说说您的小心愿').waitFor();
  await page.getByRole('radio', { name: '助老' }).click();
  await page.getByTestId('wish-title').locator('input').fill('想要一副助行器');
  await page.getByTestId('wish-content').locator('textarea').fill('腿脚不太灵便，想要一副助行器，方便下楼买菜。');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('photo-add').click();
  await (await chooser).setFiles({ name: 'walker.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('photo-thumb').getByText('上传中…').waitFor({ state: 'detached' });
  // Submitting shows the button's spinner: this is where H5 threw NotFoundError (insertBefore).
  await page.getByTestId('wish-submit').click();
  const detail = page.getByTestId('wish-detail');
  await detail.getByTestId('wish-photos').locator('img').first().waitFor();

  await page.goto(`${app.url}/`);
  const mine = page.getByTestId('home-card-my-wishes');
  await mine.getByText('想要一副助行器').click();
  await detail.getByText('想要一副助行器', { exact: true }).waitFor();
  await detail.getByTestId('wish-state').getByText('待审核').waitFor();
  await detail.getByTestId('wish-photos').locator('img').first().waitFor();
  await page.waitForTimeout(500);
  quiet();
  await context.close();
});

test('the server seeds the demo community once and keeps data across a restart', async () => {
  expect(app.output()).toMatch(/Demo: \d+ people, \d+ households/);
  const again = await startApp({ dataDir: app.dataDir });
  try {
    expect(again.output()).not.toContain('Demo: ');
    const res = await fetch(`${again.url}/api/functions/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': 'demo-member' },
      body: JSON.stringify({ action: 'me', data: {} }),
    });
    const body = (await res.json()) as { ok: boolean; data: { profile: { name: string } } };
    expect(body).toMatchObject({ ok: true, data: { registered: true, profile: { name: '李建国' } } });
  } finally {
    await again.stop();
  }
});
