/**
 * @jest-environment node
 *
 * The WeChat build parses as ES2015, the syntax every client of the declared base library runs
 * (docs/adr/0021-build-for-the-base-library.md): no `?.`, `??`, `??=`, object spread, optional
 * catch binding, `**` or async functions left in any file, our code or a package's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { assertWeappBuilt } from './load-taro-page';
import { WEAPP_DIST, shippedFiles } from './dist-files';

/** Why `source` does not parse as an ES2015 script, with the code around the spot; null if it does. */
function es2015Error(source: string): string | null {
  try {
    parse(source, { ecmaVersion: 2015, sourceType: 'script' });
    return null;
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0;
    return `${(error as Error).message} near ${JSON.stringify(source.slice(Math.max(0, pos - 40), pos + 20))}`;
  }
}

beforeAll(() => assertWeappBuilt());

test('the ES2015 parse refuses the syntax that came after it', () => {
  expect(es2015Error('var a = b?.c;')).not.toBeNull();
  expect(es2015Error('var a = b ?? c;')).not.toBeNull();
  expect(es2015Error('a ??= b;')).not.toBeNull();
  expect(es2015Error('var a = { ...b };')).not.toBeNull();
  expect(es2015Error('async function f() {}')).not.toBeNull();
  expect(es2015Error('try {} catch {}')).not.toBeNull();
  expect(es2015Error('class A { x = 1 }')).not.toBeNull();
  expect(es2015Error('const f = (a) => `${a}`; class A { *g() { yield 1; } }')).toBeNull();
});

test('every JavaScript file of the WeChat build parses as ES2015', () => {
  const scripts = shippedFiles(WEAPP_DIST).filter((file) => file.endsWith('.js'));
  expect(scripts).toEqual(expect.arrayContaining(['app.js', 'vendors.js', 'taro.js']));
  const failures = scripts.flatMap((file) => {
    const error = es2015Error(fs.readFileSync(path.join(WEAPP_DIST, file), 'utf8'));
    return error === null ? [] : [`${file}: ${error}`];
  });
  expect(failures).toEqual([]);
});
