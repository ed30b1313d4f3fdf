/**
 * Import decoding: the same households saved as UTF-8 csv, UTF-8 csv with a BOM (Excel's
 * "CSV UTF-8"), GBK csv (Excel's plain "CSV" on a Chinese Windows) and xlsx read as the same
 * rows, with the Chinese intact — first by the reader itself, then through storage and the
 * function.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCsv } from '../../cloudfunctions/org/src/import/decode-csv';
import { readTable } from '../../cloudfunctions/org/src/import/read-table';
import { HEADER, ROWS } from '../fixtures/import/make-fixtures';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { fileExists, uploadImport } from './import-helpers';

const dir = join(__dirname, '..', 'fixtures', 'import');
const fixtures = [
  ['UTF-8 csv', 'households.utf8.csv', 'csv', 'utf-8'],
  ['UTF-8 csv with a BOM', 'households.utf8-bom.csv', 'csv', 'utf-8'],
  ['GBK csv', 'households.gbk.csv', 'csv', 'gb18030'],
  ['xlsx', 'households.xlsx', 'xlsx', 'xlsx'],
] as const;
const bytesOf = (name: string) => readFileSync(join(dir, name));
const padded = (cells: string[]) => Array.from({ length: HEADER.length }, (_, i) => cells[i] ?? '');

describe('reading an import file', () => {
  test('the GBK fixture really is GBK: not valid UTF-8, no byte-order mark', () => {
    const bytes = bytesOf('households.gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(
      expect.objectContaining({ code: 'ERR_ENCODING_INVALID_ENCODED_DATA' }),
    );
    expect(bytesOf('households.utf8-bom.csv').subarray(0, 3).toString('hex')).toBe('efbbbf');
  });

  test.each(fixtures)('%s reads as the same rows, Chinese intact', async (_what, file, format, encoding) => {
    const table = await readTable(format, bytesOf(file));
    expect(table.encoding).toBe(encoding);
    expect(table.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(table.rows.map((r) => padded(r.cells))).toEqual([HEADER, ...ROWS]);
    const text = table.rows.flatMap((r) => r.cells).join('');
    expect(text).not.toMatch(/\uFFFD|锟斤拷|Ã|å¹¸/);
    expect(text).toContain('幸福里小区');
  });

  test('valid UTF-8 is read as UTF-8 and its BOM dropped; anything else as GB18030', () => {
    expect(decodeCsv(Buffer.from('\uFEFF小区', 'utf8'))).toEqual({ text: '小区', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('小区', 'utf8'))).toEqual({ text: '小区', encoding: 'utf-8' });
    // 小区 in GBK: d0a1 c7f8.
    expect(decodeCsv(Buffer.from('d0a1c7f8', 'hex'))).toEqual({ text: '小区', encoding: 'gb18030' });
    // A GB18030 four-byte character outside GBK (𠀀, U+20000: 95 32 82 36).
    expect(decodeCsv(Buffer.from('95328236', 'hex')).text).toBe('\u{20000}');
  });
});

describe('importing each encoding through storage', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.stop());

  test.each(fixtures)(
    'a dry run of the %s finds the six households and names its encoding',
    async (_what, file, format, encoding) => {
      const fileID = await uploadImport(bytesOf(file), format);
      const reply = await f.expectNothingWritten(() =>
        f.call(demoPersonas.admin, 'org', 'importHouseholds', { communityId: DEMO, fileID, dryRun: true }),
      );
      expect(reply).toEqual({
        ok: true,
        data: { rows: 6, created: 6, updated: 0, errorCount: 0, errors: [], encoding },
      });
      expect(fileExists(f, fileID)).toBe(true);
    },
  );

  test('the GBK csv imports with its Chinese names intact, and the file is deleted', async () => {
    const fileID = await uploadImport(bytesOf('households.gbk.csv'));
    const reply = await f.call(demoPersonas.admin, 'org', 'importHouseholds', { communityId: DEMO, fileID });
    expect(reply.data).toMatchObject({ rows: 6, created: 6, errorCount: 0, encoding: 'gb18030' });
    expect(f.find('households', { buildingId: 'bld-xfl-3', room: '3-1203' })[0]).toMatchObject({
      estateId: 'estate-xfl',
      floorArea: 1088.5,
      isPartyCenter: false,
    });
    expect(f.find('audit_log', { action: 'org.importHouseholds' })[0]!.summary).toBe(
      '导入住户：新增6户，更新0户（共6行）',
    );
    expect(fileExists(f, fileID)).toBe(false);
  });
});
