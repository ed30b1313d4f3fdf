/**
 * 长辈模式 and the WeChat font size (src/shared/display-mode.ts): the CSS variables follow the
 * WeChat font scale and the mode, the choice is stored and read back after a restart, and a
 * stored value that is not ours counts as the normal mode.
 */
import type * as DisplayModule from '../../src/shared/display-mode';

const storage = new Map<string, unknown>();
const appBase: { fontSizeScaleFactor?: number } = {};
const taro = {
  getStorageSync: jest.fn((key: string) => storage.get(key) ?? ''),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  getAppBaseInfo: jest.fn(() => appBase),
  getSystemInfoSync: jest.fn(() => ({ fontSizeScaleFactor: 1.5 })),
};
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: taro }));

/** A fresh module, as after a restart of the mini-program (storage kept). */
function restart(): typeof DisplayModule {
  let loaded: typeof DisplayModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<typeof DisplayModule>('../../src/shared/display-mode');
  });
  return loaded!;
}

beforeEach(() => {
  storage.clear();
  delete appBase.fontSizeScaleFactor;
});

test('the text scale follows the WeChat font size, never under the standard size nor over 2×', () => {
  const { fontScaleFrom } = restart();
  expect(fontScaleFrom(1.3)).toBe(1.3);
  expect(fontScaleFrom(0.94)).toBe(1);
  expect(fontScaleFrom(3)).toBe(2);
  expect(fontScaleFrom(undefined)).toBe(1);
  expect(fontScaleFrom(Number.NaN)).toBe(1);
});

test('长辈模式 sets --elder to 1 and makes text 1.2× the WeChat size', () => {
  const { displayVars, displayStyle } = restart();
  expect(displayVars({ elder: false, offered: false }, 1)).toEqual({ '--elder': '0', '--text-scale': '1' });
  expect(displayVars({ elder: true, offered: true }, 1)).toEqual({ '--elder': '1', '--text-scale': '1.2' });
  expect(displayVars({ elder: true, offered: true }, 1.5)['--text-scale']).toBe('1.8');
  expect(displayStyle(displayVars({ elder: true, offered: true }, 1))).toBe('--elder:1;--text-scale:1.2');
});

test('the font scale is read from getAppBaseInfo, or from getSystemInfoSync on an old base library', () => {
  appBase.fontSizeScaleFactor = 1.25;
  expect(restart().currentDisplayVars()['--text-scale']).toBe('1.25');
  delete appBase.fontSizeScaleFactor;
  expect(restart().currentDisplayVars()['--text-scale']).toBe('1.5');
});

test('the normal mode, not yet offered, is what a first open sees', () => {
  expect(restart().getDisplayMode()).toEqual({ elder: false, offered: false });
});

test('turning 长辈模式 on is stored, tells the listeners, and is still on after a restart', () => {
  const first = restart();
  const heard = jest.fn();
  first.onDisplayModeChange(heard);
  first.setElderMode(true);
  expect(heard).toHaveBeenCalledTimes(1);
  expect(first.getDisplayMode()).toEqual({ elder: true, offered: true });
  expect(restart().getDisplayMode()).toEqual({ elder: true, offered: true });
});

test('declining the offer keeps the normal mode and the offer answered after a restart', () => {
  restart().setElderMode(false);
  expect(restart().getDisplayMode()).toEqual({ elder: false, offered: true });
});

test('a stored value that is not ours is the normal mode', () => {
  const { parseMode } = restart();
  expect(parseMode('yes')).toEqual({ elder: false, offered: false });
  expect(parseMode({ elder: 'true', offered: 1 })).toEqual({ elder: false, offered: false });
  expect(parseMode(null)).toEqual({ elder: false, offered: false });
});

test('in 长辈模式 a toast stays at least 5 s; in the normal mode it keeps its own duration', () => {
  const shown: Array<{ title: string; duration?: number }> = [];
  const original = jest.fn((option: { title: string; duration?: number }) => {
    shown.push(option);
    return Promise.resolve();
  });
  (taro as Record<string, unknown>).showToast = original;
  const mode = restart();
  mode.installElderToasts();
  const show = (taro as unknown as { showToast: (o: { title: string; duration?: number }) => Promise<void> }).showToast;
  void show({ title: '已保存' });
  mode.setElderMode(true);
  void show({ title: '已被他人认领', duration: 2500 });
  void show({ title: '很长的一条提醒', duration: 8000 });
  expect(shown).toEqual([
    { title: '已保存' },
    { title: '已被他人认领', duration: 5000 },
    { title: '很长的一条提醒', duration: 8000 },
  ]);
});
