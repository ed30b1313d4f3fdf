/**
 * `npm run build:h5` / `npm run build:weapp`: builds the Taro app for one platform, always, and
 * stamps the output (dist/<platform>/.build-stamp) so that `npm start` and the browser tests'
 * server see it is current and do not build it again.
 */
import { buildApp } from './lib.mjs';

const platform = process.argv[2];
if (platform !== 'h5' && platform !== 'weapp') {
  console.error('usage: node scripts/build.mjs h5|weapp');
  process.exit(2);
}
await buildApp(platform, { force: true });
