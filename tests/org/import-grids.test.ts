/**
 * The household import's 网格 column: a grid named by the file is matched by name or created,
 * each named building moves into it (every building in exactly one grid), a building named with
 * two grids is a row error (nothing written), a crashed import finishes on retry with the same
 * grid ids, and a failed write rolls the grids back too.
 */
import * as tcb from '@cloudbase/node-sdk';
import { applyImport } from '../../cloudfunctions/org/src/import/apply';
import { planImport } from '../../cloudfunctions/org/src/import/plan';
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { crashAt, resetCrashPointsAfterEach } from '../support/crash-points';
import { DEMO, demoPersonas, fileFixture } from '../support/fixtures';
import { uploadImport } from './import-helpers';
import { auditOf } from './refusals';

const f = fileFixture();
resetCrashPointsAfterEach({ quiet: true });
const admin = demoPersonas.admin;
const HEADER = '小区,楼栋,房号,建筑面积,党员中心户,网格';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');
const importCsv = async (content: string) =>
  f.call(admin, 'org', 'importHouseholds', { communityId: DEMO, fileID: await uploadImport(content, 'csv') });
const gridOf = (buildingId: string) => f.find('buildings', { _id: buildingId })[0]!.gridId as string | undefined;

test('creates a missing grid and moves the named buildings into grids; an empty cell leaves the grid as it is', async () => {
  const reply = await importCsv(
    csv(
      '幸福里小区,1号楼,1-701,80,否,第二网格',
      '和谐家园,3号楼,3-701,80,否,东片网格',
      '和谐家园,3号楼,3-702,81,否,东片网格',
      '和谐家园,2号楼,2-701,80,否,',
    ),
  );
  expect(reply).toMatchObject({ ok: true, data: { created: 4, errorCount: 0 } });
  expect(gridOf('bld-xfl-1')).toBe('grid-2');
  const east = f.find('grids', { communityId: DEMO, name: '东片网格' });
  expect(east).toHaveLength(1);
  expect(gridOf('bld-hxjy-3')).toBe(east[0]!._id);
  expect(gridOf('bld-hxjy-2')).toBe('grid-3');
  expect(auditOf(f, 'org.importHouseholds')[0]).toMatchObject({
    summary: '导入住户：新增4户，更新0户（共4行）；新建1个网格，2栋楼划入网格',
    before: {
      grids: [
        { buildingId: 'bld-xfl-1', gridId: 'grid-1' },
        { buildingId: 'bld-hxjy-3', gridId: 'grid-3' },
      ],
    },
  });
  const tree = (await f.call(admin, 'org', 'getTree', { communityId: DEMO })).data;
  const counts = tree.estates
    .flatMap((e: any) => e.buildings)
    .map((b: any) => tree.grids.filter((g: any) => g.buildingIds.includes(b.id)).length);
  expect(counts).toEqual([1, 1, 1, 1, 1, 1]);
});

test('a building named with two grids is an error on the later row, and nothing is written', async () => {
  const reply = await f.expectNothingWritten(() =>
    importCsv(csv('幸福里小区,2号楼,2-701,80,否,第一网格', '幸福里小区,2号楼,2-702,80,否,第三网格')),
  );
  expect(reply.data).toMatchObject({
    errorCount: 1,
    errors: [{ row: 3, field: '网格', message: expect.stringContaining('同一楼栋只能属于一个网格') }],
  });
});

test('a crash before the audit is finished by the retry, with the same grid', async () => {
  const content = csv('幸福里小区,3号楼,3-801,80,否,北片网格');
  const fileID = await uploadImport(content, 'csv');
  await crashAt('org.import.before-audit', () =>
    f.call(admin, 'org', 'importHouseholds', { communityId: DEMO, fileID }),
  );
  const north = f.find('grids', { communityId: DEMO, name: '北片网格' });
  expect(north).toHaveLength(1);
  const retry = await f.call(admin, 'org', 'importHouseholds', { communityId: DEMO, fileID });
  expect(retry).toMatchObject({ ok: true, data: { created: 1 } });
  expect(f.find('grids', { communityId: DEMO, name: '北片网格' })).toEqual(north);
  expect(gridOf('bld-xfl-3')).toBe(north[0]!._id);
});

test('a failed write rolls the new grids and the buildings’ grids back', async () => {
  const ctx = (): Ctx => ({
    caller: { openid: null, appid: null },
    requestId: 'test-grid-rollback',
    db: tcb.init({ env: 'local-dev' }).database(),
    runtime: 'local',
    now: () => new Date('2026-11-02T00:00:00Z'),
  });
  const reference = {
    estates: f.find('estates', { communityId: DEMO }) as any,
    buildings: f.find('buildings', { communityId: DEMO }) as any,
    households: f.find('households', { communityId: DEMO }) as any,
    grids: f.find('grids', { communityId: DEMO }) as any,
  };
  const before = gridOf('bld-hxjy-1');
  const plan = planImport(
    DEMO,
    [
      { row: 1, cells: HEADER.split(',') },
      { row: 2, cells: '和谐家园,1号楼,1-901,80,否,南片网格'.split(',') },
    ],
    reference,
  );
  expect(plan.errors).toEqual([]);
  await expect(
    applyImport(ctx(), plan, {
      gridIdOf: () => 'grid-south',
      finalWrite: () => Promise.reject(new Error('audit failed')),
    }),
  ).rejects.toThrow('audit failed');
  expect(f.find('grids', { _id: 'grid-south' })).toEqual([]);
  expect(gridOf('bld-hxjy-1')).toBe(before);
  expect(f.find('households', { buildingId: 'bld-hxjy-1', room: '1-901' })).toEqual([]);
});
