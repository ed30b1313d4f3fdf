/**
 * @jest-environment node
 *
 * The WeChat build as uploaded: dist/weapp must fit the main-package budget and WeChat's 2 MB per
 * package, register the home page, and carry nothing of local mode (the persona switcher and its
 * header/route).
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertWeappBuilt } from './load-taro-page';
import { WEAPP_DIST, kb, listFiles as listDistFiles, weappPackages, type PackageSize } from './dist-files';

const MAIN_PACKAGE_BUDGET_KB = 450;
// The persona chooser's button and its stories' keys, and the demo clock's route and its
// control (src/features/persona), are local-only too.
const LOCAL_MODE_MARKERS = [
  'x-local-openid',
  '/api/local/personas',
  '切换身份',
  '以此身份体验',
  'demo-newcomer',
  '/api/local/clock',
  '演示时间',
  '拨快时钟',
];

interface AppJson {
  pages?: string[];
}

/** Every file under dist/weapp, as paths relative to it with forward slashes. */
const listFiles = () => listDistFiles(WEAPP_DIST);

function readAppJson(): AppJson {
  return JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as AppJson;
}

/**
 * The forms a string can take in the build: as written (UTF-8), and with non-ASCII characters
 * as `\uXXXX` escapes, which is how the minifier writes Chinese text into JS.
 */
function encodings(text: string): string[] {
  const escape = (upper: boolean) =>
    text.replace(/[^\x20-\x7e]/g, (ch) => {
      const hex = ch.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  return [...new Set([text, escape(false), escape(true)])];
}

/** The files (relative paths) that contain `text` in any of its encodings. */
function filesContaining(text: string, files: string[]): string[] {
  const needles = encodings(text).map((form) => Buffer.from(form, 'utf8'));
  return files.filter((file) => {
    const content = fs.readFileSync(path.join(WEAPP_DIST, file));
    return needles.some((needle) => content.includes(needle));
  });
}

beforeAll(() => assertWeappBuilt());

test('app.json registers the home page', () => {
  expect(readAppJson().pages).toContain('pages/index/index');
});

/**
 * WeChat's limits (docs/adr/0021-build-for-the-base-library.md): every package, the main one
 * included, under 2 MB; our own budget for the main package, which every user downloads before
 * the first screen: 450 KB (a bare Taro React app is about 387 KB). Sizes as WeChat counts them:
 * the main package is every shipped file outside the subpackage roots (see dist-files.ts).
 */
const PACKAGE_LIMIT_KB = 2048;
const packages = fs.existsSync(path.join(WEAPP_DIST, 'app.json')) ? weappPackages() : [];
const mainPackage = packages.find((p) => p.name === 'main');
const summary = (p: PackageSize) =>
  `${kb(p.bytes)} in ${p.files.length} files; largest: ${p.files
    .slice(0, 5)
    .map((f) => `${f.file} ${kb(f.bytes)}`)
    .join(', ')}`;

// Measured while the tests are collected, so the size is in the test's name (see `--verbose`).
test(`the main package (${mainPackage ? kb(mainPackage.bytes) : 'not built'}) is at most ${MAIN_PACKAGE_BUDGET_KB} KB`, () => {
  if (!mainPackage) throw new Error('dist/weapp is not built');
  expect(mainPackage.files.map((f) => f.file)).toContain('app.js');
  // The summary rides along in the compared value, so a failure prints the size and the culprits.
  expect({
    withinBudget: mainPackage.bytes <= MAIN_PACKAGE_BUDGET_KB * 1024,
    mainPackage: summary(mainPackage),
  }).toEqual({
    withinBudget: true,
    mainPackage: summary(mainPackage),
  });
});

test('the main package holds no subpackage file, and every subpackage has files', () => {
  expect(packages.length).toBeGreaterThan(1);
  for (const p of packages.filter((p) => p.name !== 'main')) expect(p.files.length).toBeGreaterThan(0);
  expect(mainPackage?.files.filter((f) => f.file.startsWith('packages/'))).toEqual([]);
});

test.each(packages.map((p) => [p.name, kb(p.bytes), p] as const))(
  "the %s package (%s) is under WeChat's 2 MB",
  (_name, _size, p) => {
    expect(p.bytes).toBeLessThan(PACKAGE_LIMIT_KB * 1024);
  },
);

describe('no local-mode code ships to WeChat', () => {
  const files = fs.existsSync(WEAPP_DIST) ? listFiles() : [];

  test('the scan sees text as the build encodes it', () => {
    // Positive control: the page's Chinese text is in the build only as \u escapes.
    expect(filesContaining('社区服务', files)).toContain('pages/index/index.js');
    expect(filesContaining('callFunction', files).length).toBeGreaterThan(0);
  });

  test.each(LOCAL_MODE_MARKERS)('no file contains %p', (marker) => {
    expect(filesContaining(marker, files)).toEqual([]);
  });
});

/**
 * The chart library (AntV F2, see docs/adr/0007-charts-with-f2.md) is imported only by the
 * dashboard, so it must ship in that subpackage and nowhere else. Found by names minification
 * keeps (property and method names of F2's components and canvas).
 */
const DASHBOARD_ROOT = 'packages/dashboard/';
const DASHBOARD_BUDGET_KB = 256;
const F2_MARKERS = ['getGuideBBox', 'px2hd'];

describe('the chart library ships only in the dashboard subpackage', () => {
  const files = fs.existsSync(WEAPP_DIST)
    ? listFiles().filter((file) => !file.endsWith('.map') && !file.endsWith('.LICENSE.txt'))
    : [];

  test.each(F2_MARKERS)('%p is in the dashboard subpackage and nowhere else', (marker) => {
    const found = filesContaining(marker, files);
    expect(found.some((file) => file.startsWith(DASHBOARD_ROOT))).toBe(true);
    expect(found.filter((file) => !file.startsWith(DASHBOARD_ROOT))).toEqual([]);
  });

  const bytes = files
    .filter((file) => file.startsWith(DASHBOARD_ROOT))
    .reduce((sum, file) => sum + fs.statSync(path.join(WEAPP_DIST, file)).size, 0);
  test(`the dashboard subpackage (${kb(bytes)}) is at most ${DASHBOARD_BUDGET_KB} KB`, () => {
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(DASHBOARD_BUDGET_KB * 1024);
  });
});
