/**
 * Which WeChat open APIs (云调用) each cloud function's deployed code calls, derived from the
 * code itself: the function is bundled as `scripts/build-functions.mjs` bundles it (esbuild,
 * tree-shaken, but not minified), and the bundle is searched for calls of the `OpenApi`
 * interface's methods (cloudfunctions/_shared/open-api.ts). A verb that checks text (`moderate`,
 * _shared/moderation.ts) or sends a subscription message (`sendSubscription`, `notify`) keeps
 * that call in its function's bundle; a function that never reaches one does not contain it.
 * Invariant: the answer is the set of `permissions.openapi` names the function's `config.json`
 * must declare — no more (least privilege), no fewer (else 云调用 refuses with -604101).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');

/**
 * Each `OpenApi` method, the pattern of its call in a bundle, and the 云调用 permission it needs.
 * The production adapter's own calls (`sdk.openapi.security.msgSecCheck(…)`,
 * `sdk.openapi.subscribeMessage.send(…)`) are not use sites: they run only when a use site does.
 */
export const openApiMethods = {
  msgSecCheck: { call: /(?<!security)\.msgSecCheck\(/, permission: 'security.msgSecCheck' },
  sendSubscribeMessage: { call: /\.sendSubscribeMessage\(/, permission: 'subscribeMessage.send' },
} as const;

export type OpenApiPermission = (typeof openApiMethods)[keyof typeof openApiMethods]['permission'];

/** The bundle's text, as deployed but readable. */
export async function bundleText(name: string): Promise<string> {
  const dir = join(root, 'cloudfunctions', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const out = await build({
    entryPoints: [join(dir, 'src', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: Object.keys(manifest.dependencies ?? {}),
    minify: false,
    treeShaking: true,
    logLevel: 'silent',
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
  });
  return out.outputFiles.map((f) => f.text).join('\n');
}

/** The 云调用 permissions a bundle's code needs, sorted. */
export function permissionsIn(bundle: string): OpenApiPermission[] {
  return Object.values(openApiMethods)
    .filter((m) => m.call.test(bundle))
    .map((m) => m.permission)
    .sort();
}

/** The 云调用 permissions each named function needs, by function name. */
export async function requiredOpenApi(names: readonly string[]): Promise<Record<string, OpenApiPermission[]>> {
  const entries = await Promise.all(names.map(async (n) => [n, permissionsIn(await bundleText(n))] as const));
  return Object.fromEntries(entries);
}
