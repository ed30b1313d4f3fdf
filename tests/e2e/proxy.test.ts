/**
 * End to end, 代办 (docs/adr/0040-proxy-acts.md): 吴晓燕, the seeded 网格员 of 第一网格 (1号楼's
 * grid), opens 为居民代办 from her home, finds 张秀英 at 1号楼 1-102, records her verbal consent and posts a
 * wish for her, then records her written consent with the photo of the signed 委托书 and casts
 * her household's ballot — each confirmed on a large-type screen. The building's leader 陈志强
 * and the admin 王红梅 then see the wish and the ballot marked 代办. A topic at its vote is written
 * through the local server's database protocol; screenshots go to test-results/e2e-proxy-*.png.
 */
import type { Page } from 'playwright-core';
import { AdminDb } from '../support/server-client';
import { PNG, act, appAndBrowser, fill, shot, visible } from './support';

jest.setTimeout(300_000);

const e2e = appAndBrowser();

const COMMUNITY = 'comm-xingfuli';
const GRID_WORKER = '吴晓燕（第一网格网格员）';
const LEADER = '陈志强（幸福里1号楼党小组长）';
const ADMIN = '王红梅（社区书记）';
const WISH = '想请人帮忙修理收音机';
const TOPIC = '1号楼楼道加装声控灯';
const DAY = 24 * 3600_000;

async function seed(): Promise<string> {
  const db = new AdminDb(e2e.app.url, e2e.app.adminToken());
  // A 1号楼 topic, put at its vote with the building's lived-in households frozen as eligible.
  const topic = await act(e2e.app, 'demo-leader', 'deliberation', 'open', {
    communityId: COMMUNITY,
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-1',
    title: TOPIC,
    background: '楼道夜里太黑，老人上下楼不安全，拟加装声控灯。',
    collectEndsAt: new Date(Date.now() + 7 * DAY).toISOString(),
  });
  const households = await db.find('households', { buildingId: 'bld-xfl-1' });
  const lived = new Set(
    (await db.find('roles', { kind: 'resident', buildingId: 'bld-xfl-1' })).map((r) => r.householdId),
  );
  const eligible = households
    .filter((h) => lived.has(h._id))
    .map((h) => ({ h: String(h._id), a: Math.round(Number(h.floorArea) * 100) }))
    .sort((x, y) => (x.h < y.h ? -1 : 1));
  const closesAt = new Date(Date.now() + 5 * DAY);
  expect(
    await db.set('topics', String(topic.id), {
      $set: {
        step: 'vote',
        vote: {
          rule: 'simple',
          opensAt: new Date(Date.now() - DAY),
          closesAt,
          eligible,
          eligibleHouseholds: eligible.length,
          eligibleAreaCents: eligible.reduce((s, e) => s + e.a, 0),
          tally: null,
        },
        voteClosesAt: closesAt,
      },
    }),
  ).toBe(1);
  return String(topic.id);
}

/** Opens the home as `name`, through the switcher's search (the grid worker is no listed persona story). */
async function homeAs(page: Page, name: string, full: string): Promise<void> {
  await page.goto(`${e2e.app.url}/#/pages/index/index`);
  await page.getByTestId('persona-open').first().click();
  await page.locator('.persona__search-input input').fill(name);
  await page
    .getByRole('option')
    .filter({ hasText: full.slice(name.length + 1, -1) })
    .first()
    .click();
  await visible(page, 'persona-current').getByText(`当前身份：${full}`).waitFor();
}

test('a grid worker posts a wish and casts a proxy ballot for a resident; the leader and the admin see both marked 代办', async () => {
  const topicId = await seed();
  const context = await e2e.phone();
  const page = await context.newPage();

  // 吴晓燕 opens 为居民代办 and finds 张秀英's flat.
  await homeAs(page, '吴晓燕', GRID_WORKER);
  await page.getByTestId('home-tile-proxy').click();
  await page.getByText('为居民代办').first().waitFor();
  await page.getByRole('radio', { name: '幸福里小区 1号楼' }).click();
  await fill(page, 'proxy-room', '1-102');
  await page.getByTestId('proxy-find').click();
  const household = page.getByTestId('proxy-household');
  await household.getByRole('radio', { name: '张秀英' }).click();

  // A wish, on her verbal consent.
  await household.getByRole('radio', { name: '发布心愿' }).click();
  await page.getByTestId('proxy-consent').getByRole('radio', { name: '口头同意' }).click();
  await page.getByTestId('proxy-record-consent').click();
  const form = page.getByTestId('proxy-act');
  await form.waitFor();
  await form.getByRole('radio', { name: '助老' }).click();
  await fill(page, 'proxy-wish-title', WISH);
  await fill(page, 'proxy-wish-content', '家里的老收音机坏了，每天要听新闻，想请人帮忙看看。');
  await shot(page, 'e2e-proxy-1-wish.png');
  await page.getByTestId('proxy-next').click();
  await page.getByTestId('proxy-confirm').getByText(`为 张秀英`, { exact: false }).waitFor();
  await shot(page, 'e2e-proxy-2-confirm.png');
  await page.getByTestId('proxy-perform').click();
  await page.getByTestId('proxy-done').waitFor();

  // Her household's ballot, on her written consent with the 委托书 photo.
  await page.getByTestId('proxy-again').click();
  await household.getByRole('radio', { name: '代表本户投票' }).click();
  const consent = page.getByTestId('proxy-consent');
  await consent.getByRole('radio', { name: '书面委托书' }).waitFor();
  const chooser = page.waitForEvent('filechooser');
  await consent.getByTestId('photo-add').click();
  await (await chooser).setFiles({ name: 'weituoshu.png', mimeType: 'image/png', buffer: PNG });
  await consent.getByTestId('photo-thumb').getByText('上传中…').waitFor({ state: 'detached' });
  await shot(page, 'e2e-proxy-3-written-consent.png');
  await page.getByTestId('proxy-record-consent').click();
  await form.getByRole('radio', { name: TOPIC }).click();
  await form.getByRole('radio', { name: '同意' }).click();
  await page.getByTestId('proxy-next').click();
  await page.getByTestId('proxy-confirm').getByText('代表本户投票', { exact: false }).waitFor();
  await page.getByTestId('proxy-perform').click();
  await page.getByTestId('proxy-done').waitFor();
  await shot(page, 'e2e-proxy-4-done.png');

  const db = new AdminDb(e2e.app.url, e2e.app.adminToken());
  const [wish] = await db.find('wishes', { title: WISH });
  expect(wish).toMatchObject({ posterName: '张秀英', proxy: { actorName: '吴晓燕' } });
  const wishPath = `/packages/wish/pages/detail/index?id=${encodeURIComponent(String(wish!._id))}`;
  const topicPath = `/packages/deliberation/pages/topic/index?id=${encodeURIComponent(topicId)}`;

  // The building's leader and the admin see both marked 代办.
  for (const [name, full] of [
    ['陈志强', LEADER],
    ['王红梅', ADMIN],
  ] as const) {
    await homeAs(page, name, full);
    await page.goto(`${e2e.app.url}/#${wishPath}`);
    await visible(page, 'wish-detail').getByText(WISH, { exact: true }).waitFor();
    await visible(page, 'proxy-mark').getByText('由吴晓燕代办').waitFor();
    await page.goto(`${e2e.app.url}/#${topicPath}`);
    const ballots = visible(page, 'proxy-ballots');
    await ballots.getByText('1-102 · 由吴晓燕代办', { exact: false }).waitFor();
    await shot(page, `e2e-proxy-5-${name === '陈志强' ? 'leader' : 'admin'}.png`);
  }
  // The resident's points, not the proxy's: her vote participation entry.
  const entries = await db.find('point_ledger', { _id: `deliberation:${topicId}:vote:user-resident` });
  expect(entries).toHaveLength(1);
});
