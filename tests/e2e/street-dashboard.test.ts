/**
 * End to end (街道数据看板), in Chromium against the in-process server with the demo community and
 * the fixture's 东湖社区 (both in 和平街道): the test writes a few registrations into each, then the
 * 街道 cadre 刘志强 (a street viewer, no admin role) opens 街道数据看板 from 我的 and
 * - lands in 街道汇总, marked 只读, with the sum of both communities and no exports;
 * - switches to 按社区查看: their home 幸福里 first, then picks 东湖社区 from the street's
 *   communities and drills down to 东湖花园 — the figures narrow, and there is never an export.
 * Screenshots: test-results/e2e-street-dashboard-*.png.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhone } from '../support/browser';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { rebuild } from '../dashboard/rollups';
import { registration, reloading, shot, table } from './dashboard-page';
import { guardConsole } from './support';

jest.setTimeout(300_000);

let f: Fixture;
let browser: Browser;
let url: string;

const D = 24 * 3_600_000;
const NOW = Date.now();
const ago = (days: number) => new Date(NOW - days * D);

beforeAll(async () => {
  f = await startFixture();
  f.insert('registrations', [
    registration('sv-r1', 'pending', ago(2), 'hh-xfl-1-101', DEMO),
    registration('sv-r2', 'pending', ago(3), 'hh-hxjy-1-101', DEMO),
    registration('sv-r3', 'approved', ago(4), 'hh-xfl-1-101', DEMO),
    registration('sv-r4', 'pending', ago(5), 'hh-dh-1-101', OTHER),
    registration('sv-r5', 'rejected', ago(6), 'hh-dh-1-102', OTHER),
  ]);
  // The dashboard reads roll-ups: the records written straight into the database are counted by a rebuild.
  await rebuild(f, demoPersonas.admin, DEMO);
  await rebuild(f, otherPersonas.admin, OTHER);
  url = f.server.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await f?.stop();
});

test('the 街道 cadre reads the street, then one community with drill-down, and never exports', async () => {
  const context = await newPhone(browser);
  const guard = guardConsole(context);
  const page = await context.newPage();
  const calls: Array<{ action?: string; data?: Record<string, unknown> }> = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/api/functions/dashboard')) calls.push(JSON.parse(req.postData() ?? '{}'));
  });

  // 刘志强 has no admin tools in 我的, only 街道工作 › 街道数据看板.
  await page.goto(`${url}/#/pages/mine/index`);
  await page.getByTestId('persona-open').click();
  // (The fixture's 东湖 people carry no persona order, so the short list may not reach him.)
  await page.locator('.persona__search-input input').fill('刘志强');
  await page.getByRole('option', { name: /刘志强/ }).click();
  await page.getByTestId('persona-current').getByText('当前身份：刘志强（和平街道工作人员）').waitFor();
  await page.getByText('街道工作', { exact: true }).waitFor();
  expect(await page.getByText('社区管理', { exact: true }).count()).toBe(0);
  await page.getByText('街道数据看板', { exact: true }).click();
  await page.getByTestId('dash-screen').waitFor();
  await page.getByTestId('dash-figures').waitFor();
  expect(calls[0]).toMatchObject({ action: 'overview', data: { communityId: DEMO, street: true } });

  // 街道汇总 over the last 30 days: 幸福里 + 东湖; 只读, no drill-down, no exports.
  await reloading(page, () => page.getByRole('radio', { name: '近30天' }).click());
  await page.getByTestId('dash-scope').getByText('和平街道', { exact: true }).waitFor();
  await page.getByTestId('dash-read-only').getByText('只读').waitFor();
  await page.getByTestId('dash-street-note').waitFor();
  expect(await page.getByTestId('dash-view-street').getAttribute('aria-checked')).toBe('true');
  expect(await table(page, 'dash-table-registrations')).toEqual([
    ['待审核', '3'],
    ['已报到', '1'],
    ['已驳回', '1'],
    ['已注销', '0'],
  ]);
  await page.getByTestId('dash-pending').getByText('3 份').waitFor();
  expect(await page.getByTestId('dash-exports').count()).toBe(0);
  expect(await page.getByTestId('dash-crumbs').count()).toBe(0);
  await shot(page, 'e2e-street-dashboard-1-street.png');

  // 按社区查看: the home community first, with the street's communities to choose from.
  await reloading(page, () => page.getByTestId('dash-view-community').click());
  await page.getByTestId('dash-scope').getByText('幸福里社区', { exact: true }).waitFor();
  const picker = page.getByTestId('dash-communities');
  await picker.getByRole('radio', { name: '东湖社区' }).waitFor();
  expect(await picker.getByRole('radio').allTextContents()).toEqual(['东湖社区', '幸福里社区']);
  expect(await picker.getByRole('radio', { name: '幸福里社区' }).getAttribute('aria-checked')).toBe('true');
  expect(await table(page, 'dash-table-registrations')).toEqual([
    ['待审核', '2'],
    ['已报到', '1'],
    ['已驳回', '0'],
    ['已注销', '0'],
  ]);
  expect(await page.getByTestId('dash-exports').count()).toBe(0);

  // 东湖社区, then its estate 东湖花园.
  await reloading(page, () => picker.getByRole('radio', { name: '东湖社区' }).click());
  await page.getByTestId('dash-scope').getByText('东湖社区', { exact: true }).waitFor();
  expect(calls[calls.length - 1]).toMatchObject({ data: { communityId: OTHER, street: false } });
  expect(await table(page, 'dash-table-registrations')).toEqual([
    ['待审核', '1'],
    ['已报到', '0'],
    ['已驳回', '1'],
    ['已注销', '0'],
  ]);
  await reloading(page, () => page.getByTestId('dash-drill-option').filter({ hasText: '东湖花园' }).click());
  await page.getByTestId('dash-scope').getByText('东湖社区 · 东湖花园', { exact: true }).waitFor();
  expect(calls[calls.length - 1]).toMatchObject({ data: { communityId: OTHER, estateId: 'estate-dh' } });
  expect(await page.getByTestId('dash-crumb').allTextContents()).toEqual(['东湖社区', '东湖花园']);
  await page.getByTestId('dash-read-only').waitFor();
  expect(await page.getByTestId('dash-exports').count()).toBe(0);
  expect(await page.locator('[data-testid^="dash-export-"]').count()).toBe(0);
  await shot(page, 'e2e-street-dashboard-2-community.png');

  // Nothing but overviews was asked of the dashboard.
  expect(calls.every((c) => c.action === 'overview')).toBe(true);
  guard.quiet();
  await context.close();
});
