/**
 * The boundaries the linter proves (docs/architecture.md, "Rules the linter proves"): for each
 * rule, a violating file makes ESLint report that rule, and a conforming file lints clean.
 *
 * Nothing is written to the tree: each probe is linted, with the repository's own configuration,
 * as the text of an existing file in the folder the rule is about (tests/lint/lint-probes.mjs),
 * so the path-scoped rules and the type-aware ones apply as they do to real code.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
  fatal?: boolean;
}

/** An existing source file of a folder, whose path a probe borrows (a .ts file if there is one). */
function hostFile(folder: string): string {
  const names = readdirSync(join(root, folder))
    .filter((n) => /\.tsx?$/.test(n) && !n.endsWith('.d.ts') && !n.endsWith('.test.ts'))
    .sort((a, b) => Number(a.endsWith('.tsx')) - Number(b.endsWith('.tsx')) || a.localeCompare(b));
  if (!names[0]) throw new Error(`no source file in ${folder} to lint a probe as`);
  return `${folder}/${names[0]}`;
}

/** Probes: the folder whose rules apply → source. */
const probes = {
  featureImportsFeature: [
    'src/features/wish',
    "import { TopicCard } from '@/features/deliberation/topic-card';\n" +
      "import { deliberationUrls } from '../deliberation/urls';\n" +
      'export const both = [TopicCard, deliberationUrls];\n',
  ],
  featureImportsOwnAndShared: [
    'src/features/wish',
    "import { useMe } from '@/shared/use-me';\n" +
      "import * as urls from './urls';\n" +
      "import type { WishDetail } from '~types/wish';\n" +
      'export const parts: [typeof useMe, typeof urls, WishDetail | null] = [useMe, urls, null];\n',
  ],
  sharedImportsFeature: [
    'src/shared',
    "import { wishUrls } from '@/features/wish/urls';\nexport const reach = wishUrls;\n",
  ],
  appImportsZod: [
    'src/features/wish',
    "import { z } from 'zod';\n" +
      "import { wishActions } from '~types/wish';\n" +
      'export const parts = [z, wishActions];\n',
  ],
  appImportsTypesAndLabels: [
    'src/features/wish',
    "import type { WishDetail } from '~types/wish';\n" +
      "import { wishStateLabels } from '~types/labels/wish';\n" +
      'export const parts: [WishDetail | null, typeof wishStateLabels] = [null, wishStateLabels];\n',
  ],
  areaImportsArea: [
    'cloudfunctions/points/src',
    "import { findWish } from '../../wish/src/store';\nexport const reach = findWish;\n",
  ],
  areaImportsOutside: [
    'cloudfunctions/points/src',
    "import { main } from '../../../emulator/server';\nexport const reach = main;\n",
  ],
  areaImportsOwnSharedTypes: [
    'cloudfunctions/points/src',
    "import { Collections } from '../../_shared/collections';\n" +
      "import { AppError } from '../../../types/errors';\n" +
      "import * as store from './store';\n" +
      "import { z } from 'zod';\n" +
      'export const parts = [Collections, AppError, store, z];\n',
  ],
  sharedImportsArea: [
    'cloudfunctions/_shared',
    "import { findWish } from '../wish/src/store';\nexport const reach = findWish;\n",
  ],
  serverReadsMachineClock: [
    'cloudfunctions/points/src',
    "import dayjs from 'dayjs';\n" +
      'export const a = new Date();\n' +
      'export const b = Date.now();\n' +
      'export const c = dayjs();\n' +
      'export const d = Date();\n',
  ],
  serverReadsInjectedClock: [
    'cloudfunctions/points/src',
    "import dayjs from 'dayjs';\n" +
      "import type { Ctx } from '../../_shared/context';\n" +
      'export function stamps(ctx: Ctx, at: string) {\n' +
      '  return [ctx.now(), new Date(at), new Date(ctx.now().getTime() + 1000), dayjs(ctx.now())];\n' +
      '}\n',
  ],
  serverFloatingPromise: [
    'cloudfunctions/points/src',
    'async function save(): Promise<void> {}\nexport function run(): void {\n  save();\n}\n',
  ],
  appFloatingPromise: [
    'src/features/wish',
    'async function load(): Promise<number> {\n  return 1;\n}\nexport function run(): void {\n  load().then((n) => n + 1);\n}\n',
  ],
  handledPromises: [
    'cloudfunctions/points/src',
    'async function save(): Promise<void> {}\n' +
      'export async function run(): Promise<void> {\n' +
      '  await save();\n' +
      '  // Fire-and-forget on purpose: the probe proves `void` marks it.\n' +
      '  void save();\n' +
      '}\n',
  ],
} as const satisfies Record<string, readonly [string, string]>;

type Probe = keyof typeof probes;
let results: Partial<Record<Probe, Message[]>> = {};

beforeAll(() => {
  const names = Object.keys(probes) as Probe[];
  const input = names.map((name) => ({ filePath: hostFile(probes[name][0]), code: probes[name][1] }));
  const run = spawnSync(process.execPath, [join(__dirname, 'lint-probes.mjs')], {
    cwd: root,
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`linting the probes failed (${run.status}): ${run.stderr}`);
  const messages = JSON.parse(run.stdout) as Message[][];
  results = Object.fromEntries(names.map((name, i) => [name, messages[i]]));
}, 300_000);

const messagesOf = (probe: Probe) => {
  const messages = results[probe];
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
