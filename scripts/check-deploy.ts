/**
 * `npm run check:deploy`: everything a CloudBase deployment needs that can be checked before
 * deploying, in one command. Each gap is printed in Chinese and English; exits 1 when there is
 * any. Checks:
 *  - deploy/deploy.json: the CloudBase environment id and the mini-program AppID, filled in;
 *  - deploy/subscriptions.json: every subscription template id filled in
 *    (`subscriptionConfigGaps`, scripts/lib/subscription-config.ts);
 *  - cloudbaserc.json and every cloudfunctions/<name>/config.json: each function listed, on a
 *    supported Node.js runtime, with dependencies installed in the cloud, an explicit timeout
 *    (1–60 s, the same in both files), the same timer triggers in both files, and exactly the
 *    云调用 permissions (`permissions.openapi`) its code uses (scripts/lib/open-api-use.ts);
 *  - database/queries.json: every query the timers and hot actions make has a covering index in
 *    database/collections.json (scripts/lib/query-index.ts);
 *  - no `PLACEHOLDER_` value left in the deploy configuration.
 *
 * Usage: npx tsx scripts/check-deploy.ts [--dir deploy]   (`--dir deploy/examples` checks the
 * filled-in example). The decisions are in docs/adr/0022-deploying-functions.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { requiredOpenApi } from './lib/open-api-use';
import { coveringIndex, describeShape, type IndexSpec, type QueryShape } from './lib/query-index';
import { subscriptionConfigGaps } from './lib/subscription-config';

export interface Gap {
  zh: string;
  en: string;
}

/** Node.js runtimes CloudBase lists for event functions that are not end-of-support here (ADR 0022). */
export const SUPPORTED_RUNTIMES = ['Nodejs18.15', 'Nodejs20.19'] as const;
/** The timeout range cloudbaserc.json accepts, in seconds (CloudBase CLI function configuration). */
export const TIMEOUT_RANGE = { min: 1, max: 60 } as const;

export const repoRoot = join(__dirname, '..');

interface Trigger {
  name?: unknown;
  type?: unknown;
  config?: unknown;
}

export interface RcFunction {
  name: string;
  runtime?: unknown;
  timeout?: unknown;
  installDependency?: unknown;
  handler?: unknown;
  triggers?: Trigger[];
}

export interface FunctionConfig {
  permissions?: { openapi?: unknown };
  timeout?: unknown;
  triggers?: Trigger[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isPlaceholder = (v: unknown) => typeof v === 'string' && v.includes('PLACEHOLDER');

/** deploy.json: the environment and the mini-program. */
export function deployConfigGaps(config: unknown, file: string): Gap[] {
  if (!isRecord(config)) return [{ zh: `${file} 不是 JSON 对象`, en: `${file} is not a JSON object` }];
  const gaps: Gap[] = [];
  const envId = config.envId;
  if (typeof envId !== 'string' || envId === '' || isPlaceholder(envId)) {
    gaps.push({
      zh: `${file} 的 envId 未填写（仍是占位符）：填入云开发环境 ID（云开发控制台 → 环境 → 环境 ID）`,
      en: `${file}: envId is not filled in (still a placeholder): set the CloudBase environment id (CloudBase console → environment → environment id)`,
    });
  } else if (!/^[a-z][a-z0-9-]{2,38}[a-z0-9]$/.test(envId)) {
    gaps.push({
      zh: `${file} 的 envId「${envId}」不是有效的云开发环境 ID（小写字母、数字和连字符）`,
      en: `${file}: envId "${envId}" is not a valid CloudBase environment id (lowercase letters, digits and hyphens)`,
    });
  }
  const appId = config.appId;
  if (typeof appId !== 'string' || appId === '' || isPlaceholder(appId)) {
    gaps.push({
      zh: `${file} 的 appId 未填写（仍是占位符）：填入小程序 AppID（小程序管理后台 → 开发管理 → 开发设置）`,
      en: `${file}: appId is not filled in (still a placeholder): set the mini-program AppID (admin console → 开发管理 → 开发设置)`,
    });
  } else if (!/^wx[0-9a-f]{16}$/.test(appId)) {
    gaps.push({
      zh: `${file} 的 appId「${appId}」不是有效的小程序 AppID（wx 加 16 位十六进制）`,
      en: `${file}: appId "${appId}" is not a valid mini-program AppID (wx and 16 hex digits)`,
    });
  }
  for (const [key, value] of Object.entries(config)) {
    if (key === 'envId' || key === 'appId' || key.startsWith('$')) continue;
    if (JSON.stringify(value).includes('PLACEHOLDER')) {
      gaps.push({ zh: `${file} 的 ${key} 仍有占位符`, en: `${file}: ${key} still holds a placeholder` });
    }
  }
  return gaps;
}

function triggerList(triggers: Trigger[] | undefined): string[] {
  return (triggers ?? []).map((t) => `${String(t.name)} ${String(t.type)} ${String(t.config)}`).sort();
}

/** cloudbaserc.json against the function folders, their config.json and what their code needs. */
export function functionGaps(
  rc: { functions?: RcFunction[] },
  folders: readonly string[],
  configs: Record<string, FunctionConfig | undefined>,
  required: Record<string, readonly string[]>,
): Gap[] {
  const gaps: Gap[] = [];
  const listed = new Map((rc.functions ?? []).map((f) => [f.name, f]));
  for (const name of folders) {
    if (!listed.has(name)) {
      gaps.push({
        zh: `云函数 ${name} 未列入 cloudbaserc.json`,
        en: `cloud function ${name} is not listed in cloudbaserc.json`,
      });
    }
  }
  for (const name of listed.keys()) {
    if (!folders.includes(name)) {
      gaps.push({
        zh: `cloudbaserc.json 列出的云函数 ${name} 没有对应目录 cloudfunctions/${name}`,
        en: `cloudbaserc.json lists ${name}, which has no folder cloudfunctions/${name}`,
      });
    }
  }
  for (const name of folders) {
    const fn = listed.get(name);
    const config = configs[name];
    const where = `cloudfunctions/${name}/config.json`;
    if (!config) {
      gaps.push({ zh: `缺少 ${where}`, en: `${where} is missing` });
    }
    if (!fn) continue;
    if (typeof fn.runtime !== 'string' || !(SUPPORTED_RUNTIMES as readonly string[]).includes(fn.runtime)) {
      gaps.push({
        zh: `云函数 ${name} 的运行时「${String(fn.runtime)}」不受支持：cloudbaserc.json 中应为 ${SUPPORTED_RUNTIMES.join(' 或 ')}`,
        en: `cloud function ${name} runs on "${String(fn.runtime)}": cloudbaserc.json must use ${SUPPORTED_RUNTIMES.join(' or ')}`,
      });
    }
    if (fn.installDependency !== true) {
      gaps.push({
        zh: `云函数 ${name} 未开启云端安装依赖（cloudbaserc.json installDependency: true）：wx-server-sdk 等依赖不在打包文件中`,
        en: `cloud function ${name} does not install its dependencies in the cloud (cloudbaserc.json installDependency: true): wx-server-sdk and the rest are not in the bundle`,
      });
    }
    if (fn.handler !== 'index.main') {
      gaps.push({
        zh: `云函数 ${name} 的入口应为 index.main（cloudbaserc.json handler）`,
        en: `cloud function ${name}: the handler must be index.main (cloudbaserc.json handler)`,
      });
    }
    const t = fn.timeout;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < TIMEOUT_RANGE.min || t > TIMEOUT_RANGE.max) {
      gaps.push({
        zh: `云函数 ${name} 在 cloudbaserc.json 中没有有效的超时时间（${TIMEOUT_RANGE.min}–${TIMEOUT_RANGE.max} 秒的整数）`,
        en: `cloud function ${name} has no valid timeout in cloudbaserc.json (a whole number of seconds, ${TIMEOUT_RANGE.min}–${TIMEOUT_RANGE.max})`,
      });
    } else if (config && config.timeout !== t) {
      gaps.push({
        zh: `云函数 ${name} 的超时时间不一致：cloudbaserc.json 为 ${t} 秒，${where} 为 ${String(config.timeout ?? '未设置')}`,
        en: `cloud function ${name}: the timeouts differ: ${t} s in cloudbaserc.json, ${String(config.timeout ?? 'none')} in ${where}`,
      });
    }
    if (!config) continue;
    const rcTriggers = triggerList(fn.triggers);
    const cfgTriggers = triggerList(config.triggers);
    if (JSON.stringify(rcTriggers) !== JSON.stringify(cfgTriggers)) {
      gaps.push({
        zh: `云函数 ${name} 的定时触发器不一致：cloudbaserc.json 为 [${rcTriggers.join('; ')}]，${where} 为 [${cfgTriggers.join('; ')}]`,
        en: `cloud function ${name}: the timer triggers differ: [${rcTriggers.join('; ')}] in cloudbaserc.json, [${cfgTriggers.join('; ')}] in ${where}`,
      });
    }
    for (const trigger of [...(fn.triggers ?? []), ...(config.triggers ?? [])]) {
      const cron = typeof trigger.config === 'string' ? trigger.config.trim().split(/\s+/) : [];
      if (trigger.type !== 'timer' || cron.length !== 7 || typeof trigger.name !== 'string' || !trigger.name) {
        gaps.push({
          zh: `云函数 ${name} 的触发器 ${String(trigger.name)} 无效：应为 type "timer"，config 为 7 段的 cron 表达式`,
          en: `cloud function ${name}: trigger ${String(trigger.name)} is invalid: it must be type "timer" with a seven-field cron expression`,
        });
      }
    }
    const openapi = config.permissions?.openapi;
    const declared = Array.isArray(openapi) ? openapi.map(String).sort() : null;
    const needed = [...(required[name] ?? [])].sort();
    if (!declared) {
      gaps.push({
        zh: `${where} 缺少 permissions.openapi 数组`,
        en: `${where} has no permissions.openapi list`,
      });
    } else {
      for (const p of needed.filter((p) => !declared.includes(p))) {
        gaps.push({
          zh: `云函数 ${name} 的代码调用了 ${p}，但 ${where} 的 permissions.openapi 未声明：云调用会被拒绝（-604101）`,
          en: `cloud function ${name} calls ${p} but ${where} does not declare it in permissions.openapi: the cloud call would be refused (-604101)`,
        });
      }
      for (const p of declared.filter((p) => !needed.includes(p))) {
        gaps.push({
          zh: `${where} 声明了 ${p}，但云函数 ${name} 的代码并未调用：请删去（最小权限）`,
          en: `${where} declares ${p}, which cloud function ${name} never calls: remove it (least privilege)`,
        });
      }
    }
  }
  return gaps;
}

/** Every listed query has an index that serves it. */
export function indexGaps(
  queries: { queries?: QueryShape[] },
  collections: { collections?: Record<string, { indexes?: IndexSpec[] }> },
): Gap[] {
  const gaps: Gap[] = [];
  for (const q of queries.queries ?? []) {
    const declared = collections.collections?.[q.collection];
    const what = describeShape(q);
    if (!declared) {
      gaps.push({
        zh: `${what.zh}所用的集合未在 database/collections.json 中声明`,
        en: `${what.en} uses a collection database/collections.json does not declare`,
      });
    } else if (!coveringIndex(q, declared.indexes ?? [])) {
      gaps.push({
        zh: `${what.zh}没有可用的索引：请在 database/collections.json 中为它添加索引`,
        en: `${what.en} has no index to serve it: add one in database/collections.json`,
      });
    }
  }
  return gaps;
}

export function functionFolders(root: string): string[] {
  const dir = join(root, 'cloudfunctions');
  return readdirSync(dir)
    .filter((n) => !n.startsWith('_') && statSync(join(dir, n)).isDirectory())
    .filter((n) => existsSync(join(dir, n, 'src', 'index.ts')))
    .sort();
}

export interface CheckOptions {
  /** The folder with deploy.json and subscriptions.json (default `deploy`, relative to the repository). */
  dir?: string;
  root?: string;
}

export async function checkDeploy(options: CheckOptions = {}): Promise<Gap[]> {
  const root = options.root ?? repoRoot;
  const dir = isAbsolute(options.dir ?? 'deploy') ? (options.dir as string) : join(root, options.dir ?? 'deploy');
  const shown = (file: string) => relative(root, join(dir, file)) || file;
  const gaps: Gap[] = [];

  const deployFile = join(dir, 'deploy.json');
  if (!existsSync(deployFile)) {
    gaps.push({ zh: `缺少 ${shown('deploy.json')}`, en: `${shown('deploy.json')} is missing` });
  } else {
    gaps.push(...deployConfigGaps(readJson(deployFile), shown('deploy.json')));
  }

  const subscriptionsFile = join(dir, 'subscriptions.json');
  if (!existsSync(subscriptionsFile)) {
    gaps.push({
      zh: `缺少 ${shown('subscriptions.json')}（订阅消息模板配置）`,
      en: `${shown('subscriptions.json')} (the subscription templates) is missing`,
    });
  } else {
    gaps.push(
      ...subscriptionConfigGaps(readJson(subscriptionsFile)).map((g) => ({
        zh: `${shown('subscriptions.json')}：${g.zh}`,
        en: `${shown('subscriptions.json')}: ${g.en}`,
      })),
    );
  }

  const folders = functionFolders(root);
  const rc = readJson(join(root, 'cloudbaserc.json')) as { functions?: RcFunction[] };
  const configs: Record<string, FunctionConfig | undefined> = {};
  for (const name of folders) {
    const path = join(root, 'cloudfunctions', name, 'config.json');
    configs[name] = existsSync(path) ? (readJson(path) as FunctionConfig) : undefined;
  }
  gaps.push(...functionGaps(rc, folders, configs, await requiredOpenApi(folders)));

  gaps.push(
    ...indexGaps(
      readJson(join(root, 'database', 'queries.json')) as { queries?: QueryShape[] },
      readJson(join(root, 'database', 'collections.json')) as {
        collections?: Record<string, { indexes?: IndexSpec[] }>;
      },
    ),
  );
  return gaps;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--dir');
  const dir = at >= 0 ? process.argv[at + 1] : undefined;
  if (at >= 0 && !dir) {
    console.error('usage: npx tsx scripts/check-deploy.ts [--dir <folder with deploy.json>]');
    process.exit(2);
  }
  const shownDir = dir ?? 'deploy';
  console.log(`部署检查 · deployment check (${shownDir})`);
  const gaps = await checkDeploy(dir ? { dir } : {});
  for (const g of gaps) console.log(`✗ ${g.zh}\n  ${g.en}`);
  if (gaps.length > 0) {
    console.log(`\n共 ${gaps.length} 项未就绪，部署前请补齐 · ${gaps.length} gap(s) to close before deploying`);
    process.exit(1);
  }
  const deploy = readJson(join(isAbsolute(shownDir) ? shownDir : join(repoRoot, shownDir), 'deploy.json')) as {
    envId: string;
    appId: string;
  };
  console.log('✓ 可以部署 · ready to deploy');
  console.log(`  下一步 · next: TCB_ENV_ID=${deploy.envId} npm run build:weapp && npm run build:functions`);
  console.log(`  project.config.json appid → ${deploy.appId}（README「Deploy to CloudBase」）`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
}
