/**
 * Entry point of the local CloudBase: `npm start` runs this after building.
 * Environment: PORT (default 8080; 0 = any free port), HOST (default 127.0.0.1),
 * DATA_DIR (default ./.data), SEED_TEMPLATE_DIR (default ./.data-template; `SEED_TEMPLATE=off`
 * seeds straight into the data directory), DEMO_HISTORY=off (seed only the community, no
 * history), HONGSE_SDK_TRANSPORT (`in-process`, the default, or
 * `http`: how the functions' SDK reaches the database, docs/adr/0024).
 *
 * A new data directory gets the lived-in demo: the demo community and a year of its life,
 * played through the real actions on the moving clock (seed/history). It is seeded once into a
 * template folder (valid for today and for the current bundles, seed/template.ts) and copied,
 * so `npm run reset` and a new start take a copy instead of a new year. A data directory whose
 * seeding was cut off (no `.seeded` mark) is reported, not reseeded on top.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CollectionsFile } from './db';
import { seedDemoCommunity } from './seed/demo-community';
import { seedLivedInDemo, type SeedReport } from './seed/history';
import { copyTemplate, makeTemplate, seedKey, templateFor } from './seed/template';
import { ADMIN_TOKEN_FILE, startServer, type ServerOptions } from './server';

const SEEDED_MARK = '.seeded';

function describe(seeded: SeedReport): string {
  if (seeded.calls === 0) return `${seeded.people} people, ${seeded.households} households`;
  const made = Object.entries(seeded.modules)
    .map(
      ([name, counts]) =>
        `${name}: ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
    )
    .join('; ');
  return `${seeded.people} people, ${seeded.households} households and a year of their life (${seeded.calls} actions; ${made})`;
}

async function main() {
  const started = performance.now();
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
  const isNew = !existsSync(join(dataDir, 'database.sqlite'));
  mkdirSync(dataDir, { recursive: true });
  const collections = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as CollectionsFile;
  const options: ServerOptions = {
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir,
    staticDir: join(root, 'dist', 'h5'),
    functionsDir: join(root, 'cloudfunctions'),
    collections,
    timers: process.env.TIMERS !== 'off',
  };
  /** Seeds a new, empty folder through a server of its own (no timers, any free port). */
  const seedInto = async (dir: string): Promise<SeedReport> => {
    const seeder = await startServer({ ...options, dataDir: dir, port: 0, host: '127.0.0.1', timers: false });
    try {
      return await seedLivedInDemo({ host: seeder.functions, envId: 'local-dev' });
    } finally {
      await seeder.close();
    }
  };
  if (isNew) {
    let seeded: SeedReport;
    let how: string;
    if (process.env.DEMO_HISTORY === 'off') {
      // Only the community (people, households, roles), as of now: no history.
      const server = await startServer({ ...options, port: 0, host: '127.0.0.1', timers: false });
      const counts = await seedDemoCommunity('local-dev').finally(() => server.close());
      seeded = { people: counts.users ?? 0, households: counts.households ?? 0, calls: 0, ms: 0, modules: {} };
      how = 'without history (DEMO_HISTORY=off)';
    } else if (process.env.SEED_TEMPLATE === 'off') {
      seeded = await seedInto(dataDir);
      how = `seeded in ${seeded.ms} ms`;
    } else {
      const templateDir = resolve(process.env.SEED_TEMPLATE_DIR ?? join(root, '.data-template'));
      const key = seedKey(root, new Date());
      const kept = templateFor(templateDir, key);
      seeded = kept ?? (await makeTemplate(templateDir, key, seedInto));
      copyTemplate(templateDir, dataDir);
      how = kept
        ? `copied from today's template ${templateDir}`
        : `seeded in ${seeded.ms} ms (template kept in ${templateDir})`;
    }
    writeFileSync(join(dataDir, SEEDED_MARK), new Date().toISOString());
    console.log(`Demo: ${describe(seeded)} — ${how}, into ${dataDir}`);
  } else if (!existsSync(join(dataDir, SEEDED_MARK))) {
    console.warn(
      `Note: ${dataDir} was not seeded completely (or by an older version); \`npm run reset\` seeds the lived-in demo.`,
    );
  }
  const server = await startServer(options);
  // Tools wait for this exact line ("local server ready: <url>/").
  console.log(`红色邻里 local server ready: ${server.url}/  (in ${Math.round(performance.now() - started)} ms)`);
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
