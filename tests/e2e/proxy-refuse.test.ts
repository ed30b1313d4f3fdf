/**
 * End to end, 撤销此代办 (docs/adr/0044-refusing-a-proxy-act.md): 吴晓燕, the seeded 网格员 of
 * 第一网格, posts a wish for 张秀英 on her verbal consent (through the API); the admin 王红梅 opens
 * 审计日志 (kind 代办), taps 撤销此代办 on that act, writes the reason, confirms, and reads that
 * the wish was withdrawn; the wish is withdrawn and both people are told; the act shows 已撤销
 * even when the log shows only the proxy's entries (the refusal hidden). Screenshots go to
 * test-results/e2e-proxy-refuse-*.png.
 */
import { AdminDb } from '../support/server-client';
import { cstDay } from '../wish/helpers';
import { act, appAndBrowser, confirmModal, fill, openAs, shot, visible } from './support';

jest.setTimeout(300_000);

const e2e = appAndBrowser();

const COMMUNITY = 'comm-xingfuli';
const ADMIN = '王红梅（社区书记）';
const WISH = '想请人帮忙换个灯泡';

test('an admin refuses one 代办 act from the audit log, with a reason and a confirmation', async () => {
  const consent = await act(e2e.app, 'demo-grid-worker', 'account', 'recordProxyConsent', {
    communityId: COMMUNITY,
    householdId: 'hh-xfl-1-102',
    residentId: 'user-resident',
    scope: ['post_wish'],
    kind: 'verbal',
  });
  const wish = await act(e2e.app, 'demo-grid-worker', 'wish', 'post', {
    communityId: COMMUNITY,
    category: 'elderly',
    title: WISH,
    content: '厨房的灯泡坏了，自己够不着，想请人帮忙换一个。',
    wantedBy: cstDay(10),
    proxy: { consentId: consent.id },
  });

  const context = await e2e.phone();
  const page = await context.newPage();
  await openAs(page, e2e.app, '/pages/mine/index', /王红梅/, ADMIN);
  await page.goto(`${e2e.app.url}/#/packages/admin/pages/audit/index?communityId=${COMMUNITY}`);
  await page.getByRole('radio', { name: '代办' }).click();
  const entry = visible(page, 'audit-entry').filter({ hasText: WISH }).first();
  await entry.getByTestId('audit-refuse-proxy').click();

  await fill(page, 'proxy-refuse-reason', '居民本人未同意发布');
  await shot(page, 'e2e-proxy-refuse-1-reason.png');
  await visible(page, 'proxy-refuse-submit').click();
  await confirmModal(page, '确定撤销', '撤销');
  await visible(page, 'proxy-refused').getByText('该心愿已撤回', { exact: false }).waitFor();
  await shot(page, 'e2e-proxy-refuse-2-done.png');

  const db = new AdminDb(e2e.app.url, e2e.app.adminToken());
  expect(await db.find('wishes', { _id: wish.id })).toEqual([expect.objectContaining({ state: 'withdrawn' })]);
  const entryId = `audit-proxy.postWish:${String(wish.id)}`;
  expect(await db.find('audit_log', { _id: `audit-proxy.refuseAct:${entryId}` })).toHaveLength(1);
  // The two messages are owed on the refusal's entry until each one's message centre delivers them.
  const [refusal] = await db.find('audit_log', { _id: `audit-proxy.refuseAct:${entryId}` });
  expect(refusal?.owedTo).toHaveLength(2);

  // Back on the log, the refused act shows 已撤销 and no button.
  await page.goto(`${e2e.app.url}/#/packages/admin/pages/audit/index?communityId=${COMMUNITY}`);
  await page.reload();
  await page.getByRole('radio', { name: '代办' }).click();
  await shot(page, 'e2e-proxy-refuse-3-log.png');
  const refused = visible(page, 'audit-entry').filter({ hasText: WISH }).filter({ hasText: '已撤销' }).first();
  await refused.waitFor();
  expect(
    await page.getByTestId('audit-entry').filter({ hasText: WISH }).getByTestId('audit-refuse-proxy').count(),
  ).toBe(0);

  // Only the proxy's entries (the admin's refusal hidden): the act itself still says 已撤销.
  await refused.getByTestId('audit-actor').click();
  await page.getByText('只看 吴晓燕 的操作').waitFor();
  const alone = visible(page, 'audit-entry').filter({ hasText: WISH });
  await alone.filter({ hasText: '撤销了代办' }).waitFor({ state: 'detached' });
  await alone.filter({ hasText: '已撤销' }).first().waitFor();
  await shot(page, 'e2e-proxy-refuse-4-proxy-only.png');
  expect(await alone.getByTestId('audit-refuse-proxy').count()).toBe(0);
});
