/**
 * @jest-environment node
 *
 * No zod in the client bundles, WeChat's or the browser's: the app imports only types from the
 * schema modules of types/, and enum values and labels from the zod-free types/labels/*; input is
 * validated by the cloud functions (docs/adr/0021-build-for-the-base-library.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertWeappBuilt } from './load-taro-page';
import { H5_DIST, WEAPP_DIST, shippedFiles } from './dist-files';

/**
 * Strings of zod's core that minification keeps (class names given to `$constructor` as string
 * literals, and the `_zod` property every schema carries), found in zod's own files below.
 */
const ZOD_MARKERS = ['$ZodType', 'ZodError', '_zod'];
const ZOD_SOURCES = ['v4/core/schemas.js', 'v4/core/core.js', 'v4/classic/errors.js'];

/** The JavaScript files of a build that contain `marker`. */
function scriptsContaining(root: string, marker: string): string[] {
  const needle = Buffer.from(marker, 'utf8');
  return shippedFiles(root)
    .filter((file) => file.endsWith('.js'))
    .filter((file) => fs.readFileSync(path.join(root, file)).includes(needle));
}

test("the markers are zod's own: its published core contains each of them", () => {
  const zodRoot = path.dirname(require.resolve('zod/package.json'));
  const source = ZOD_SOURCES.map((file) => fs.readFileSync(path.join(zodRoot, file), 'utf8')).join('\n');
  for (const marker of ZOD_MARKERS) expect(source).toContain(marker);
});

describe('the WeChat build', () => {
  beforeAll(() => assertWeappBuilt());

  test('the scan reads the built scripts', () => {
    expect(scriptsContaining(WEAPP_DIST, 'callFunction').length).toBeGreaterThan(0);
  });

  test.each(ZOD_MARKERS)('no script contains the zod marker %p', (marker) => {
    expect(scriptsContaining(WEAPP_DIST, marker)).toEqual([]);
  });
});

describe('the H5 build', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(H5_DIST, 'index.html'))) {
      throw new Error(`The H5 build is missing (${H5_DIST}); build it first: npm run build:h5`);
    }
  });

  test('the scan reads the built scripts', () => {
    expect(scriptsContaining(H5_DIST, 'createElement').length).toBeGreaterThan(0);
  });

  test.each(ZOD_MARKERS)('no script contains the zod marker %p', (marker) => {
    expect(scriptsContaining(H5_DIST, marker)).toEqual([]);
  });
});
