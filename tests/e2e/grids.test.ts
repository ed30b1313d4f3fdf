/**
 * End to end, through the UI: the admin 王红梅 opens 组织管理, creates a 网格 and puts a building
 * in it (the building leaves the grid it was in; the server has it); then the 网格员 吴晓燕's
 * home shows her grid's to-dos — a wish a resident of her grid has just posted — and opening
 * 本网格居民 shows her grid's residents with their phones in full.
 * Screenshots go to test-results/e2e-grids-*.png.
 */
import type { OrgTree } from '~types/org';
import { artifact } from '../support/browser';
import { act, appAndBrowser, fill, switchPersona, visible } from './support';

jest.setTimeout(480_000);

const e2e = appAndBrowser();
const GRID = '第四网格';
const BUILDING = '和谐家园 · 3号楼';
const WISH = '想请人帮忙换灯泡';

const cstDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 10);

test('the admin creates a grid and assigns a building; the 网格员 sees her grid’s to-dos at home', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await switchPersona(page, /王红梅/, '王红梅（社区书记）');
  await page.getByText('组织管理', { exact: true }).click();
  await page.getByTestId('grid-card').first().waitFor();

  // 新增网格: empty first (the rule shows under the field), then named.
  await page.getByTestId('grid-add').click();
  const sheet = page.getByRole('dialog', { name: '新增网格' });
  await sheet.getByText('保存', { exact: true }).click();
  await sheet.getByText('请填写网格名称').waitFor();
  await fill(page, 'grid-name', GRID);
  await sheet.getByText('保存', { exact: true }).click();
  const card = page.getByTestId('grid-card').filter({ hasText: GRID });
  await card.getByText('还没有楼栋').waitFor();

  // 划分楼栋: tick 和谐家园 3号楼 (now in 第三网格) and move it here.
  await card.getByTestId('grid-assign').click();
  const assign = page.getByRole('dialog', { name: `划分楼栋 · ${GRID}` });
  const pick = assign.getByTestId('grid-pick').filter({ hasText: BUILDING });
  await pick.getByText('现属第三网格').waitFor();
  await pick.click();
  await page.screenshot({ path: artifact('e2e-grids-1-assign.png') });
  await assign.getByText('划入本网格', { exact: true }).click();
  await card.getByTestId('grid-buildings').getByText(`1 栋楼：${BUILDING}`).waitFor();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('e2e-grids-2-grid.png') });
  await context.close();

  const tree: OrgTree = await act(e2e.app, 'demo-admin', 'org', 'getTree', { communityId: 'comm-xingfuli' });
  const grid = tree.grids.find((g) => g.name === GRID)!;
  expect(grid.buildingIds).toEqual(['bld-hxjy-3']);
  expect(tree.grids.find((g) => g.id === 'grid-3')!.buildingIds).toEqual(['bld-hxjy-2']);
});

test('the 网格员’s home shows her grid’s to-dos, and her grid’s residents with phones', async () => {
  // 张秀英 (幸福里 1号楼, 第一网格) posts a wish: it waits for review, a to-do of the grid.
  await act(e2e.app, 'demo-resident', 'wish', 'post', {
    communityId: 'comm-xingfuli',
    category: 'living',
    title: WISH,
    content: '厨房的灯坏了，自己够不着，想请人帮忙换一下',
    photos: [],
    wantedBy: cstDay(7),
  });

  const context = await e2e.phone();
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/index/index`);
  await switchPersona(page, /吴晓燕/, '吴晓燕（第一网格网格员）');
  const gridCard = visible(page, 'home-card-grid-grid-1');
  await gridCard.getByText('本网格待办（第一网格）').waitFor();
  await gridCard.getByText('第一网格共 2 栋楼、20 户', { exact: false }).waitFor();
  await gridCard.getByText(`心愿：${WISH}`).waitFor();
  await gridCard.getByText('张秀英', { exact: false }).first().waitFor();
  await page.screenshot({ path: artifact('e2e-grids-3-home.png'), fullPage: true });

  // 本网格居民: the grid's residents, phones in full, no grant buttons.
  await gridCard.getByText('本网格居民').click();
  const person = visible(page, 'person-card').filter({ hasText: '张秀英' });
  await person.getByText('13810000006').waitFor();
  expect(await page.getByText('授予角色').count()).toBe(0);
  await page.screenshot({ path: artifact('e2e-grids-4-residents.png'), fullPage: true });
  await context.close();
});
