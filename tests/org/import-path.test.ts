/**
 * Where the app puts an import file and what the function accepts: the app's path for today is
 * one the function reads; the app refuses a wrong file before uploading it.
 */
import { checkSpreadsheet, newImportPath } from '../../src/shared/spreadsheet-file';
import { importPathOf, MAX_IMPORT_BYTES } from '../../types/import-file';

test("the app's upload path is imports/<yyyymmdd in China>/<random>.<format>, and the function accepts its file id", () => {
  // 2026-11-01 18:30 UTC is 2026-11-02 02:30 in China.
  const path = newImportPath('xlsx', new Date('2026-11-01T18:30:00Z'));
  expect(path).toMatch(/^imports\/20261102\/[0-9a-z]{12,24}\.xlsx$/);
  expect(importPathOf(`cloud://prod-1a2b.7072-prod-1a2b-1300000000/${path}`)).toEqual({
    env: 'prod-1a2b',
    path,
    format: 'xlsx',
  });
  expect(newImportPath('csv')).not.toBe(newImportPath('csv'));
});

test.each([
  'cloud://env.bucket/uploads/20261102/abcdef.csv',
  'cloud://env.bucket/imports/2026-11-02/abcdef.csv',
  'cloud://env.bucket/imports/20261102/../x/abcdef.csv',
  'cloud://env.bucket/imports/20261102/abcdef.xls',
  'cloud://env.bucket/imports/20261102/abc.csv',
  'https://example.com/imports/20261102/abcdef.csv',
])('the function does not take %s as an import file', (fileID) => {
  expect(importPathOf(fileID)).toBeNull();
});

test('the app refuses a file that is not csv or xlsx, an empty one and one over 4 MB, in Chinese', () => {
  expect(checkSpreadsheet('住户.xls', 100)).toBe('请选择 csv 或 xlsx 文件');
  expect(checkSpreadsheet('住户.csv', 0)).toBe('文件是空的');
  expect(checkSpreadsheet('住户.XLSX', MAX_IMPORT_BYTES + 1)).toBe('文件过大（不超过4MB），请分成几个文件导入');
  expect(checkSpreadsheet('住户.CSV', MAX_IMPORT_BYTES)).toBeNull();
});
