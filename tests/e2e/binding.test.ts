/**
 * End to end, through the UI only: the newcomer 马晓东 binds to a household (estate, building,
 * room, relation), the admin 王红梅 approves it in 绑定审核, and the newcomer then sees the
 * request approved and the resident role. Personas are switched through the switcher, as a
 * person would; screenshots go to test-results/e2e-binding-*.png.
 */
import { artifact } from '../support/browser';
import { appAndBrowser, confirmModal, switchPersona } from './support';

jest.setTimeout(180_000);

const e2e = appAndBrowser();

const HOUSEHOLD = '幸福里小区 · 2号楼 · 2-501';

test('a newcomer binds to a household, the admin approves it, and the newcomer becomes its resident', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);

  // The newcomer, on 我的: no role yet, one request from the demo already waiting.
  await switchPersona(page, /马晓东/, '马晓东（新住户（未绑定））');
  await page.getByTestId('mine-name').getByText('马晓东').waitFor();
  await page.getByText('暂无身份', { exact: false }).waitFor();

  // 绑定房屋: the only community is chosen for them; estate → building → room → relation.
  await page.getByTestId('bind-start').click();
  await page.getByText('选择小区').waitFor();
  await page.getByRole('button', { name: /幸福里小区/ }).click();
  await page.getByText('选择楼栋').waitFor();
  await page.getByRole('button', { name: /^2号楼/ }).click();
  await page.getByText('选择房号').waitFor();
  await page.getByRole('button', { name: '2-501', exact: true }).click();
  await page.getByRole('radio', { name: /家庭成员/ }).click();
  await page.getByText(`申请绑定：幸福里社区 · ${HOUSEHOLD}（家庭成员）`).waitFor();
  await page.screenshot({ path: artifact('e2e-binding-1-request.png') });
  await page.getByText('提交申请', { exact: true }).click();

  // Back on 我的, the new request is waiting.
  const mine = page.getByTestId('binding-card').filter({ hasText: HOUSEHOLD });
  await mine.getByText('待审核').waitFor();
  await page.screenshot({ path: artifact('e2e-binding-2-pending.png') });

  // The admin approves it in 绑定审核.
  await switchPersona(page, /王红梅/, '王红梅（社区书记）');
  await page.getByText('绑定审核', { exact: true }).click();
  const card = page.getByTestId('review-card').filter({ hasText: HOUSEHOLD });
  await card.getByText('马晓东').waitFor();
  await card.getByText('通过', { exact: true }).click();
  // Taro's confirmation modal: confirm with its own 通过 button.
  await confirmModal(page, '马晓东', '通过');
  await card.getByText('已通过').waitFor();
  await page.screenshot({ path: artifact('e2e-binding-3-approved.png') });

  // The newcomer sees the approval and the resident role.
  // A fresh load of 我的 (not a transition from the admin page, whose exit animation can
  // still cover the switcher for a moment).
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await page.reload();
  await switchPersona(page, /马晓东/, '马晓东（新住户（未绑定））');
  await page.getByTestId('binding-card').filter({ hasText: HOUSEHOLD }).getByText('已通过').waitFor();
  const roles = page.getByTestId('my-roles');
  await roles.getByText('居民', { exact: true }).waitFor();
  await roles.getByText(HOUSEHOLD).waitFor();
  await page.screenshot({ path: artifact('e2e-binding-4-resident.png'), fullPage: true });
  await context.close();
});
