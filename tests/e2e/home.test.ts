/**
 * End to end through every layer: the H5 build in Chromium → POST /api/functions/<name> →
 * the function host (the deployable bundle) → the real node SDK → the database emulator →
 * SQLite, and back to the screen. Personas are switched through the UI, as a person would.
 */
import { artifact, newPhone } from '../support/browser';
import { startApp } from '../support/local-server';
import { appAndBrowser } from './support';

jest.setTimeout(180_000);

const e2e = appAndBrowser();

test('a first visit without an identity asks the visitor to choose one, then greets the chosen persona by name', async () => {
  const context = await newPhone(e2e.browser);
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);

  await page.getByText('请在微信中打开，或先选择身份').waitFor();
  await page.getByTestId('persona-current').getByText('当前身份：未选择').waitFor();
  await page.getByText('服务正常（本地模式）', { exact: false }).waitFor();

  await page.getByTestId('persona-open').click();
  await page.getByRole('option', { name: /王红梅/ }).click();

  await page.getByText('您好，王红梅').waitFor();
  await page.getByTestId('persona-current').getByText('当前身份：王红梅（社区书记）').waitFor();
  await page.screenshot({ path: artifact('e2e-home-admin.png'), fullPage: true });

  await page.getByTestId('persona-open').click();
  await page.getByRole('option', { name: /张秀英/ }).click();
  await page.getByText('您好，张秀英').waitFor();
  await context.close();
});

test('the server seeds the demo community once and keeps data across a restart', async () => {
  expect(e2e.app.output()).toContain('Seeded the demo community');
  const again = await startApp({ dataDir: e2e.app.dataDir });
  try {
    expect(again.output()).not.toContain('Seeded the demo community');
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
