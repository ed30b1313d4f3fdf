/**
 * Every page the app declares — the tabs and every sub-page of every subpackage — has its own
 * Chinese title, read from the real configs (app.config.ts, each page's index.config.ts). WeChat
 * shows it in its bar; the H5 build shows it in Taro's bar, which Taro draws only when the
 * window asks for the default navigation style.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

interface AppConfig {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
  tabBar: { list: Array<{ pagePath: string; text: string }> };
  window: { navigationStyle?: string; navigationBarTitleText?: string };
}

const SRC = join(__dirname, '..', '..', 'src');
const globals = globalThis as Record<string, unknown>;
globals.defineAppConfig = (config: unknown) => config;
globals.definePageConfig = (config: unknown) => config;

function load<T>(file: string): T {
  const mod = require(file) as { default: T };
  return mod.default;
}

const app = load<AppConfig>(join(SRC, 'app.config.ts'));
const pages = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

test('the app declares the five tabs and every sub-page', () => {
  expect(app.pages.length).toBe(5);
  expect(pages.length).toBeGreaterThan(30);
  for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath);
});

test.each(pages)('%s has a Chinese title of its own', (page) => {
  const file = join(SRC, `${page}.config.ts`);
  expect(existsSync(file)).toBe(true);
  const title = load<{ navigationBarTitleText?: unknown }>(file).navigationBarTitleText;
  expect(typeof title).toBe('string');
  expect((title as string).trim()).toMatch(/^\p{Script=Han}[\p{Script=Han}·（）]*$/u);
});

test('the H5 build draws the navigation bar (title and back) on every page', () => {
  expect(app.window.navigationStyle).toBe('default');
});
