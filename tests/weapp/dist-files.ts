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

/** What is uploaded: no source maps, licence notes or the build stamp (scripts/lib.mjs). */
export function shippedFiles(root: string): string[] {
  return listFiles(root).filter(
    (file) => !file.endsWith('.map') && !file.endsWith('.LICENSE.txt') && file !== '.build-stamp',
  );
}
