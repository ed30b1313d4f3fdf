/**
 * 长辈模式 and the WeChat font size in the WeChat build as built (dist/weapp,
 * docs/adr/0035-elder-mode.md):
 * - every page (main package and subpackages) carries Taro's <page-meta> with its page-style bound
 *   (the display variables go on the page's root), and the <navigation-bar> that template always
 *   brings has its title bound; every page's config keeps a non-empty navigationBarTitleText;
 * - the app uses a custom tab bar (WeChat's native one cannot follow the mode), whose tabs match
 *   app.json's list and whose labels and tap targets are sized by fs()/tap();
 * - rendered by miniprogram-simulate, a page's page-meta holds `--elder:1` once 长辈模式 is stored
 *   and the WeChat font size as `--text-scale`, and its navigation bar keeps the page's title and
 *   the app's colours.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TAB_ITEMS } from '../../src/shared/tab-items';
import { WEAPP_DIST, listFiles } from './dist-files';
import { assertWeappBuilt, loadTaroPage } from './load-taro-page';
import { cloudOf } from './play-cloud';

jest.setTimeout(30_000);

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar: { custom?: boolean; list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[] };
  window: { navigationBarTitleText?: string };
}

/**
 * What `display-vars` (src/styles/_tokens.scss) compiles to: fs(N) = max(var(--f), N × var(--s))
 * is max(28rpx, 36rpx × --elder, N × --text-scale), and tap(N) = max(N, var(--t)) is
 * max(N, 88rpx, 120rpx × --elder).
 */
const DERIVED_VARS =
  '--f:max(28rpx,calc(36rpx*var(--elder, 0)));--s:var(--text-scale,1);--t:calc(120rpx*var(--elder, 0))';
const read = (file: string) => fs.readFileSync(path.join(WEAPP_DIST, file), 'utf8');
const appJson = () => JSON.parse(read('app.json')) as AppJson;

function allPages(app: AppJson): string[] {
  return [
    ...app.pages,
    ...(app.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/+$/, '')}/${page}`)),
  ];
}

beforeAll(() => assertWeappBuilt());

describe('every page of the WeChat build carries 长辈模式', () => {
  test('all 35 pages have <page-meta page-style> bound, with a bound navigation-bar title', () => {
    const pages = allPages(appJson());
    expect(pages.length).toBeGreaterThanOrEqual(35);
    const missing = pages.filter((page) => {
      const wxml = read(`${page}.wxml`);
      return !(
        /<page-meta\b[^>]*\bpage-style="\{\{pageMeta\.\w+/.test(wxml) &&
        /<navigation-bar\b[^>]*\btitle="\{\{navigationBar\.\w+\}\}"/.test(wxml) &&
        /<navigation-bar\b[^>]*\bfront-color="\{\{navigationBar\./.test(wxml)
      );
    });
    expect(missing).toEqual([]);
  });

  test('no page has a blank title: each page config names one', () => {
    const app = appJson();
    const untitled = allPages(app).filter((page) => {
      const config = JSON.parse(read(`${page}.json`)) as { navigationBarTitleText?: string };
      return !(config.navigationBarTitleText ?? '').trim();
    });
    expect(untitled).toEqual([]);
    expect(app.window.navigationBarTitleText).toBe('红色邻里');
  });

  test('every page root derives the variables fs() and tap() read from --elder and --text-scale', () => {
    // app.wxss (every page, every subpackage) imports app-origin.wxss, whose `page` rule holds them.
    expect(read('app.wxss')).toContain('@import "./app-origin.wxss"');
    const page = /(?:^|\})(?:body,)?page\{([^}]*)\}/.exec(read('app-origin.wxss'))?.[1] ?? '';
    expect(page).toContain(DERIVED_VARS);
    expect(page).toContain('font-size:max(var(--f),30rpx * var(--s))');
  });

  test('the page-meta component ships in every page script (DisplayPageMeta is in the shared code)', () => {
    const js = listFiles(WEAPP_DIST).filter((f) => f.endsWith('.js'));
    expect(js.some((f) => read(f).includes('page-meta'))).toBe(true);
  });
});

describe('the custom tab bar', () => {
  test('is on in app.json and built, with the same tabs as app.json declares', () => {
    const app = appJson();
    expect(app.tabBar.custom).toBe(true);
    for (const file of ['index.js', 'index.json', 'index.wxml', 'index.wxss']) {
      expect(fs.existsSync(path.join(WEAPP_DIST, 'custom-tab-bar', file))).toBe(true);
    }
    expect(JSON.parse(read('custom-tab-bar/index.json'))).toMatchObject({ component: true });
    expect(app.tabBar.list).toEqual(TAB_ITEMS);
    for (const item of TAB_ITEMS) {
      expect(fs.existsSync(path.join(WEAPP_DIST, item.iconPath))).toBe(true);
      expect(fs.existsSync(path.join(WEAPP_DIST, item.selectedIconPath))).toBe(true);
    }
  });

  test('sizes labels with fs() and tabs with tap(): ≥ 14 px text, 18 px and 60 px tabs in 长辈模式', () => {
    const wxss = read('custom-tab-bar/index.wxss');
    const rule = (cls: string) => new RegExp(`\\.${cls}\\{([^}]*)\\}`).exec(wxss)?.[1] ?? '';
    // 750-wide design px become rpx: 28rpx is 14 px on a 375-wide phone, 36rpx 18 px, 120rpx 60 px.
    // The bar derives fs()'s and tap()'s variables from its own --elder and --text-scale.
    expect(rule('tab-bar')).toContain(DERIVED_VARS);
    expect(rule('tab-bar__label')).toMatch(/font-size:max\(var\(--f\),24rpx \* var\(--s\)\)/);
    expect(rule('tab-bar__item')).toMatch(/min-height:max\(100rpx,var\(--t\)\)/);
  });
});

describe('a page rendered by simulate', () => {
  const storedElder = (wx: Record<string, unknown>) => {
    // simulate's storage is a stub: play the one key the app reads at start.
    const stored: Record<string, unknown> = { 'display-mode': { elder: true, offered: true } };
    wx.getStorageSync = (key: string) => stored[key] ?? '';
    const base = wx.getSystemInfoSync as () => Record<string, unknown>;
    wx.getAppBaseInfo = () => ({ ...base(), fontSizeScaleFactor: 1.5 });
  };

  /** The data key Taro binds a page-meta / navigation-bar attribute to (e.g. `p5`), read from the page's wxml. */
  function keyOf(pagePath: string, element: string, attribute: string, data: string): string {
    const found = new RegExp(`<${element}\\b[^>]*\\b${attribute}="\\{\\{${data}\\.(\\w+)`).exec(
      read(`${pagePath}.wxml`),
    );
    if (!found) throw new Error(`${pagePath}.wxml binds no ${element} ${attribute}`);
    return found[1]!;
  }

  async function pageMetaOf(pagePath: string, setupWx?: (wx: Record<string, unknown>) => void) {
    const page = loadTaroPage(pagePath, { cloud: cloudOf({}), ...(setupWx ? { setupWx } : {}) });
    const keys = {
      style: keyOf(pagePath, 'page-meta', 'page-style', 'pageMeta'),
      title: keyOf(pagePath, 'navigation-bar', 'title', 'navigationBar'),
      front: keyOf(pagePath, 'navigation-bar', 'front-color', 'navigationBar'),
      background: keyOf(pagePath, 'navigation-bar', 'background-color', 'navigationBar'),
    };
    const deadline = Date.now() + 5000;
    for (;;) {
      const meta = (page.data().pageMeta ?? {}) as Record<string, unknown>;
      const bar = (page.data().navigationBar ?? {}) as Record<string, unknown>;
      if ((meta[keys.style] && bar[keys.title]) || Date.now() > deadline) {
        return {
          style: String(meta[keys.style] ?? ''),
          title: String(bar[keys.title] ?? ''),
          front: String(bar[keys.front] ?? ''),
          background: String(bar[keys.background] ?? ''),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  test('in 长辈模式 the page root gets --elder:1 and the WeChat font scale ×1.2; the title stays', async () => {
    const meta = await pageMetaOf('packages/checkin/pages/event/index', storedElder);
    expect(meta.style).toContain('--elder:1');
    expect(meta.style).toContain('--text-scale:1.8');
    expect(meta.title).toBe('活动详情');
    expect(meta.front).toBe('#ffffff');
    expect(meta.background).toBe('#c8102e');
  });

  test('in the normal mode --elder:0 at the standard size; a tab page keeps the app title', async () => {
    const meta = await pageMetaOf('pages/index/index');
    expect(meta.style).toContain('--elder:0');
    expect(meta.style).toContain('--text-scale:1');
    expect(meta.title).toBe('红色邻里');
  });
});
