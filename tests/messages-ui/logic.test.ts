/**
 * The message centre's pure rules: which links open with switchTab (the five tabs, query
 * dropped) or navigateTo, which are not opened at all; the badge text; a Chinese label for every
 * message kind; and that the tab list matches the tab bar the app declares.
 */
import { messageKinds } from '~types/notifications';
import {
  badgeText,
  linkTarget,
  MESSAGES_URL,
  messageKindLabels,
  MINE_TAB_INDEX,
  TAB_PAGES,
} from '../../src/features/messages/logic';

describe('linkTarget', () => {
  test('a subpackage page opens with navigateTo, query kept', () => {
    expect(linkTarget('/packages/wish/pages/detail/index?id=w%201')).toEqual({
      method: 'navigateTo',
      url: '/packages/wish/pages/detail/index?id=w%201',
    });
    expect(linkTarget('/packages/volunteer/pages/detail/index?id=a1')).toEqual({
      method: 'navigateTo',
      url: '/packages/volunteer/pages/detail/index?id=a1',
    });
  });

  test('each tab page opens with switchTab, without its query', () => {
    for (const tab of TAB_PAGES) {
      expect(linkTarget(tab)).toEqual({ method: 'switchTab', url: tab });
      expect(linkTarget(`${tab}?communityId=comm-xingfuli`)).toEqual({ method: 'switchTab', url: tab });
      expect(linkTarget(`${tab}#top`)).toEqual({ method: 'switchTab', url: tab });
    }
  });

  test('a path without the leading slash is made absolute', () => {
    expect(linkTarget('pages/mine/index')).toEqual({ method: 'switchTab', url: '/pages/mine/index' });
    expect(linkTarget('packages/deliberation/pages/topic/index?id=t1')).toEqual({
      method: 'navigateTo',
      url: '/packages/deliberation/pages/topic/index?id=t1',
    });
  });

  test('nothing to open: no link, blank, the root, or a web address', () => {
    for (const link of [null, undefined, '', '   ', '/', 'https://example.invalid/x', '//example.invalid/x']) {
      expect(linkTarget(link)).toBeNull();
    }
  });

  test('a page that merely starts like a tab is not a tab', () => {
    expect(linkTarget('/pages/mine/index-old')).toEqual({ method: 'navigateTo', url: '/pages/mine/index-old' });
  });
});

describe('badgeText', () => {
  test('no badge at zero (or nonsense), the count up to 99, then 99+', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(-3)).toBeNull();
    expect(badgeText(Number.NaN)).toBeNull();
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(12345)).toBe('99+');
  });
});

test('every message kind has its Chinese label', () => {
  expect(Object.keys(messageKindLabels).sort()).toEqual([...messageKinds].sort());
  for (const label of Object.values(messageKindLabels)) expect(label).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
  expect(new Set(Object.values(messageKindLabels)).size).toBe(messageKinds.length);
  expect(messageKindLabels.activity).toBe('志愿');
});

describe('against the app config', () => {
  // app.config.ts calls the build-time global defineAppConfig; here it just returns the config.
  const config = (() => {
    (globalThis as any).defineAppConfig = (c: unknown) => c;
    try {
      return require('../../src/app.config').default as {
        tabBar: { list: Array<{ pagePath: string }> };
        subPackages: Array<{ root: string; pages: string[] }>;
      };
    } finally {
      delete (globalThis as any).defineAppConfig;
    }
  })();

  test('TAB_PAGES are the tab bar, in order, and the badge goes on 我的', () => {
    expect(TAB_PAGES).toEqual(config.tabBar.list.map((t) => `/${t.pagePath}`));
    expect(MINE_TAB_INDEX).toBe(4);
    expect(config.tabBar.list[MINE_TAB_INDEX]?.pagePath).toBe('pages/mine/index');
  });

  test('the message centre page is declared', () => {
    const pages = config.subPackages.flatMap((p) => p.pages.map((page) => `/${p.root}/${page}`));
    expect(pages).toContain(MESSAGES_URL);
  });
});
