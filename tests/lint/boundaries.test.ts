/**
 * The boundaries the linter proves (docs/architecture.md, "Rules the linter proves"): for each
 * rule, a violating file makes ESLint report that rule, and a conforming file lints clean.
 *
 * The probe files are written into the tree next to real code (type-aware rules need them on
 * disk, inside the TypeScript project), linted in one ESLint run with the repository's own
 * configuration, and removed straight after.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tag = `lint-probe-${process.pid}`;

interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
  fatal?: boolean;
}

/** Probe files: repository-relative path → source. */
const probes = {
  featureImportsFeature: [
    `src/features/wish/${tag}-cross.tsx`,
    "import { TopicCard } from '@/features/deliberation/topic-card';\n" +
      "import { deliberationUrls } from '../deliberation/urls';\n" +
      'export const both = [TopicCard, deliberationUrls];\n',
  ],
  featureImportsOwnAndShared: [
    `src/features/wish/${tag}-own.tsx`,
    "import { useMe } from '@/shared/use-me';\n" +
      "import * as urls from './urls';\n" +
      "import type { WishDetail } from '~types/wish';\n" +
      'export const parts: [typeof useMe, typeof urls, WishDetail | null] = [useMe, urls, null];\n',
  ],
  sharedImportsFeature: [
    `src/shared/${tag}-feature.ts`,
    "import { wishUrls } from '@/features/wish/urls';\nexport const reach = wishUrls;\n",
  ],
  appImportsZod: [
    `src/features/wish/${tag}-zod.ts`,
    "import { z } from 'zod';\n" +
      "import { wishActions } from '~types/wish';\n" +
      'export const parts = [z, wishActions];\n',
  ],
  appImportsTypesAndLabels: [
    `src/features/wish/${tag}-types.ts`,
    "import type { WishDetail } from '~types/wish';\n" +
      "import { wishStateLabels } from '~types/labels/wish';\n" +
      'export const parts: [WishDetail | null, typeof wishStateLabels] = [null, wishStateLabels];\n',
  ],
  areaImportsArea: [
    `cloudfunctions/points/src/${tag}-cross.ts`,
    "import { findWish } from '../../wish/src/store';\nexport const reach = findWish;\n",
  ],
  areaImportsOutside: [
    `cloudfunctions/points/src/${tag}-outside.ts`,
    "import { main } from '../../../emulator/server';\nexport const reach = main;\n",
  ],
  areaImportsOwnSharedTypes: [
    `cloudfunctions/points/src/${tag}-own.ts`,
    "import { Collections } from '../../_shared/collections';\n" +
      "import { AppError } from '../../../types/errors';\n" +
      "import * as store from './store';\n" +
      "import { z } from 'zod';\n" +
      'export const parts = [Collections, AppError, store, z];\n',
  ],
  sharedImportsArea: [
    `cloudfunctions/_shared/${tag}-cross.ts`,
    "import { findWish } from '../wish/src/store';\nexport const reach = findWish;\n",
  ],
  serverReadsMachineClock: [
    `cloudfunctions/points/src/${tag}-clock.ts`,
    "import dayjs from 'dayjs';\n" +
      'export const a = new Date();\n' +
      'export const b = Date.now();\n' +
      'export const c = dayjs();\n' +
      'export const d = Date();\n',
  ],
  serverReadsInjectedClock: [
    `cloudfunctions/points/src/${tag}-ctx-clock.ts`,
    "import dayjs from 'dayjs';\n" +
      "import type { Ctx } from '../../_shared/context';\n" +
      'export function stamps(ctx: Ctx, at: string) {\n' +
      '  return [ctx.now(), new Date(at), new Date(ctx.now().getTime() + 1000), dayjs(ctx.now())];\n' +
      '}\n',
  ],
  serverFloatingPromise: [
    `cloudfunctions/points/src/${tag}-float.ts`,
    'async function save(): Promise<void> {}\nexport function run(): void {\n  save();\n}\n',
  ],
  appFloatingPromise: [
    `src/features/wish/${tag}-float.ts`,
    'async function load(): Promise<number> {\n  return 1;\n}\nexport function run(): void {\n  load().then((n) => n + 1);\n}\n',
  ],
  handledPromises: [
    `cloudfunctions/points/src/${tag}-handled.ts`,
    'async function save(): Promise<void> {}\n' +
      'export async function run(): Promise<void> {\n' +
      '  await save();\n' +
      '  // Fire-and-forget on purpose: the probe proves `void` marks it.\n' +
      '  void save();\n' +
      '}\n',
  ],
} as const satisfies Record<string, readonly [string, string]>;

type Probe = keyof typeof probes;
let results: Record<string, Message[]> = {};

beforeAll(() => {
  const files = Object.values(probes).map(([path]) => path);
  try {
    for (const [path, source] of Object.values(probes)) writeFileSync(join(root, path), source);
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', ...files],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed (${run.status}): ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { filePath: string; messages: Message[] }[];
    results = Object.fromEntries(report.map((r) => [r.filePath, r.messages]));
  } finally {
    for (const path of files) rmSync(join(root, path), { force: true });
  }
}, 300_000);

const messagesOf = (probe: Probe) => {
  const messages = results[join(root, probes[probe][0])];
  if (!messages) throw new Error(`no lint result for ${probe}`);
  return messages;
};
const rulesOf = (probe: Probe) => messagesOf(probe).map((m) => m.ruleId);

describe('features', () => {
  it('a feature importing another feature, by alias or relative path, fails local/feature-imports', () => {
    expect(rulesOf('featureImportsFeature')).toEqual(['local/feature-imports', 'local/feature-imports']);
    expect(messagesOf('featureImportsFeature')[0]?.message).toContain(
      "feature 'wish' imports the feature 'deliberation'",
    );
  });

  it('a feature importing its own files, shared code and types lints clean', () => {
    expect(messagesOf('featureImportsOwnAndShared')).toEqual([]);
  });
});

describe('shared code and the app', () => {
  it('shared code importing a feature fails no-restricted-imports', () => {
    expect(rulesOf('sharedImportsFeature')).toEqual(['no-restricted-imports']);
  });

  it('the app importing zod or a schema value fails @typescript-eslint/no-restricted-imports', () => {
    expect(rulesOf('appImportsZod')).toEqual([
      '@typescript-eslint/no-restricted-imports',
      '@typescript-eslint/no-restricted-imports',
    ]);
  });

  it('the app importing schema types and zod-free labels lints clean', () => {
    expect(messagesOf('appImportsTypesAndLabels')).toEqual([]);
  });
});

describe('server areas', () => {
  it('an area importing another area fails local/area-imports', () => {
    expect(rulesOf('areaImportsArea')).toEqual(['local/area-imports']);
    expect(messagesOf('areaImportsArea')[0]?.message).toContain(
      "area 'points' imports 'cloudfunctions/wish/src/store'",
    );
  });

  it('an area importing code outside cloudfunctions and types fails local/area-imports', () => {
    expect(rulesOf('areaImportsOutside')).toEqual(['local/area-imports']);
  });

  it('_shared importing an area fails local/area-imports', () => {
    expect(rulesOf('sharedImportsArea')).toEqual(['local/area-imports']);
    expect(messagesOf('sharedImportsArea')[0]?.message).toContain("imports the area 'wish'");
  });

  it('an area importing its own files, _shared, types and packages lints clean', () => {
    expect(messagesOf('areaImportsOwnSharedTypes')).toEqual([]);
  });
});

describe('the server clock', () => {
  it('new Date(), Date.now(), dayjs() and Date() on the server each fail local/server-clock', () => {
    expect(rulesOf('serverReadsMachineClock')).toEqual(Array(4).fill('local/server-clock'));
  });

  it('time from ctx.now() and dates built from a value lint clean', () => {
    expect(messagesOf('serverReadsInjectedClock')).toEqual([]);
  });
});

describe('promises', () => {
  it('a floating promise in a cloud function fails @typescript-eslint/no-floating-promises', () => {
    expect(rulesOf('serverFloatingPromise')).toEqual(['@typescript-eslint/no-floating-promises']);
  });

  it('a floating promise in the app fails @typescript-eslint/no-floating-promises', () => {
    expect(rulesOf('appFloatingPromise')).toEqual(['@typescript-eslint/no-floating-promises']);
  });

  it('an awaited promise and one discarded with void lint clean', () => {
    expect(messagesOf('handledPromises')).toEqual([]);
  });
});
