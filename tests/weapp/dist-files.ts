/**
 * The files of a client build as it ships, for the tests that read the output itself (syntax,
 * size, what a bundle contains): dist/weapp (see load-taro-page.ts) and dist/h5.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WEAPP_DIST } from './load-taro-page';

export { WEAPP_DIST };
export const H5_DIST = path.resolve(__dirname, '../../dist/h5');

/** Every file under `root`, as paths relative to it with forward slashes; [] when not built. */
export function listFiles(root: string, dir = root): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, full) : [path.relative(root, full).split(path.sep).join('/')];
  });
}

/**
 * What is uploaded, counted conservatively: every file but source maps and the build stamp
 * (scripts/lib.mjs writes it; it has no extension WeChat uploads). Licence notes count.
 */
export function shippedFiles(root: string): string[] {
  return listFiles(root).filter((file) => !file.endsWith('.map') && file !== '.build-stamp');
}

interface AppJson {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
}

/** The subpackage roots app.json declares, as `root/` prefixes of dist-relative paths. */
export function subpackageRoots(root = WEAPP_DIST): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
  return [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map(
    (sub) => `${sub.root.replace(/^\/+|\/+$/g, '')}/`,
  );
}

/** One package of the mini-program as WeChat counts it: its files and their bytes. */
export interface PackageSize {
  /** `main`, or a subpackage's root such as `packages/wish/`. */
  name: string;
  bytes: number;
  /** Relative paths, largest first. */
  files: { file: string; bytes: number }[];
}

/**
 * The packages of the WeChat build, as WeChat sizes them: a subpackage is every shipped file
 * under its root; the main package is every other shipped file (app.js, the shared chunks, the
 * tab pages, base.wxml, styles, assets…). Main first, then subpackages in app.json order.
 */
export function weappPackages(root = WEAPP_DIST): PackageSize[] {
  const roots = subpackageRoots(root);
  const packages: PackageSize[] = [
    { name: 'main', bytes: 0, files: [] },
    ...roots.map((name) => ({ name, bytes: 0, files: [] })),
  ];
  for (const file of shippedFiles(root)) {
    const bytes = fs.statSync(path.join(root, file)).size;
    const target = packages.find((p) => p.name !== 'main' && file.startsWith(p.name)) ?? packages[0]!;
    target.bytes += bytes;
    target.files.push({ file, bytes });
  }
  for (const p of packages) p.files.sort((a, b) => b.bytes - a.bytes);
  return packages;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
