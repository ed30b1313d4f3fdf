/**
 * End to end, through the UI: the admin 王红梅 opens 组织管理, registers a new work unit
 * (报到单位) with a liaison picked from the community's people, and renames the community; the
 * screen shows both, and org.getTree returns them. She also imports households from a CSV
 * saved by Excel in China (GBK): uploaded to storage, checked, then imported.
 * Screenshots go to test-results/e2e-org-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OrgTree } from '~types/org';
import { artifact } from '../support/browser';
import { act, appAndBrowser, fill, switchPersona } from './support';

jest.setTimeout(180_000);

const e2e = appAndBrowser();

const UNIT = '市供电公司';
const PARTY_ORG = '市供电公司第二党支部';
const PHONE = '0571-88000010';
const LIAISON = '李建国';
const COMMUNITY = '幸福里示范社区';
const ADDRESS = '和平街道幸福路99号';

const getTree = async (): Promise<OrgTree> =>
  act(e2e.app, 'demo-admin', 'org', 'getTree', { communityId: 'comm-xingfuli' });

test('the admin registers a work unit with a liaison and renames the community', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await switchPersona(page, /王红梅/, '王红梅（社区书记）');
  await page.getByText('组织管理', { exact: true }).click();
  await page.getByTestId('org-community').getByText('幸福里社区').waitFor();

  // 新增单位: saving it empty shows the rules under the fields.
  await page.getByTestId('work-unit-add').click();
  const sheet = page.getByRole('dialog', { name: '新增报到单位' });
  await sheet.getByText('保存', { exact: true }).click();
  await sheet.getByText('请填写单位名称').waitFor();
  await sheet.getByText('请填写联系电话').waitFor();

  await fill(page, 'wu-name', UNIT);
  await fill(page, 'wu-party', PARTY_ORG);
  await fill(page, 'wu-phone', PHONE);

  // 选择联络员: search the community's people by name and pick one.
  await sheet.getByText('选择联络员', { exact: true }).click();
  const picker = page.getByRole('dialog', { name: '选择联络员' });
  await fill(page, 'liaison-search', LIAISON);
  await picker.getByTestId('liaison-option').filter({ hasText: LIAISON }).click();
  await page.screenshot({ path: artifact('e2e-org-1-liaison.png') });
  await picker.getByText('确定', { exact: true }).click();
  await sheet.getByTestId('wu-liaison').getByText(LIAISON).waitFor();
  await page.screenshot({ path: artifact('e2e-org-2-unit-form.png') });
  await sheet.getByText('保存', { exact: true }).click();

  const card = page.getByTestId('work-unit-card').filter({ hasText: UNIT });
  await card.getByText(PARTY_ORG).waitFor();
  await card.getByText(LIAISON).waitFor();
  await card.getByText(PHONE, { exact: false }).waitFor();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('e2e-org-3-unit-saved.png') });

  // 社区信息: rename the community and change its address.
  await page.getByTestId('community-edit').click();
  const communitySheet = page.getByRole('dialog', { name: '编辑社区信息' });
  await fill(page, 'community-name', '');
  await communitySheet.getByText('保存', { exact: true }).click();
  await communitySheet.getByText('请填写社区名称').waitFor();
  await fill(page, 'community-name', COMMUNITY);
  await fill(page, 'community-address', ADDRESS);
  await communitySheet.getByText('保存', { exact: true }).click();
  await page.getByTestId('org-community').getByText(COMMUNITY, { exact: true }).waitFor();
  await page.getByTestId('org-community').getByText(ADDRESS, { exact: false }).waitFor();
  await page.screenshot({ path: artifact('e2e-org-4-community.png') });
  await context.close();

  // The server has both.
  const tree = await getTree();
  expect(tree.community).toMatchObject({ name: COMMUNITY, address: ADDRESS });
  expect(tree.workUnits).toContainEqual(
    expect.objectContaining({ name: UNIT, partyOrgName: PARTY_ORG, contactPhone: PHONE, liaisonName: LIAISON }),
  );
});

test('the admin imports households from a GBK csv: uploaded, checked, then imported once', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await switchPersona(page, /王红梅/, '王红梅（社区书记）');
  await page.getByText('组织管理', { exact: true }).click();
  await page.getByTestId('org-community').waitFor();
  const count = (tree: OrgTree) => tree.estates.flatMap((e) => e.buildings).reduce((n, b) => n + b.householdCount, 0);
  const before = count(await getTree());

  await page.getByText('导入房屋', { exact: true }).click();
  const sheet = page.getByRole('dialog', { name: '从表格导入房屋' });
  const chooser = page.waitForEvent('filechooser');
  await sheet.getByText('选择文件', { exact: true }).click();
  const gbk = fs.readFileSync(path.join(__dirname, '../fixtures/import/households.gbk.csv'));
  await (await chooser).setFiles({ name: '房屋.csv', mimeType: 'text/csv', buffer: gbk });
  const check = sheet.getByTestId('import-check');
  await check.getByText('检查通过（GBK 中文编码的 CSV）：共 6 行', { exact: false }).waitFor();
  await page.screenshot({ path: artifact('e2e-org-3-import-check.png') });
  await sheet.getByText('确认导入 6 行', { exact: true }).click();
  await sheet.getByTestId('import-result').getByText('导入完成：共 6 行', { exact: false }).waitFor();
  await page.screenshot({ path: artifact('e2e-org-4-import-done.png') });
  await sheet.getByText('完成', { exact: true }).click();

  expect(count(await getTree())).toBe(before + 6);
  await context.close();
});
