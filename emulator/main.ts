/**
 * Entry point of the local CloudBase: `npm start` runs this after building.
 * Environment: PORT (default 8080; 0 = any free port), HOST (default 127.0.0.1),
 * DATA_DIR (default ./.data), HONGSE_SDK_TRANSPORT (`in-process`, the default, or `http`: how the
 * functions' SDK reaches the database, docs/adr/0024). Seeds the demo community when the data
 * directory is new: the community and a year of its life, played through the real actions
 * (seed/history).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CollectionsFile } from './db';
import { seedLivedInDemo } from './seed/history';
import { ADMIN_TOKEN_FILE, startServer } from './server';

async function main() {
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
  const isNew = !existsSync(join(dataDir, 'database.sqlite'));
  mkdirSync(dataDir, { recursive: true });
  const collections = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as CollectionsFile;
  const server = await startServer({
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir,
    staticDir: join(root, 'dist', 'h5'),
    functionsDir: join(root, 'cloudfunctions'),
    collections,
    timers: process.env.TIMERS !== 'off',
  });
  if (isNew) {
    const seeded = await seedLivedInDemo({ host: server.functions, envId: 'local-dev' });
    const made = Object.entries(seeded.modules)
      .map(
        ([name, counts]) =>
          `${name}: ${Object.entries(counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}`,
      )
      .join('; ');
    console.log(
      `Seeded the demo community (${seeded.people} people, ${seeded.households} households) and a year of its life ` +
        `(${seeded.calls} actions in ${seeded.ms} ms; ${made}) into ${dataDir}`,
    );
  }
  console.log(`红色邻里 local server ready: ${server.url}/`);
  console.log(`  functions: ${server.functions.names().join(', ')}  ·  data: ${dataDir}`);
  console.log(`  admin token (for /admin/<token> and the timer route): ${join(dataDir, ADMIN_TOKEN_FILE)}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
