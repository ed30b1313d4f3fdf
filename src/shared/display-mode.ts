/**
 * 长辈模式 and the WeChat font size (适老化, docs/adr/0035-elder-mode.md): one small store that
 * every screen reads through CSS variables.
 *
 * - `elder`: 长辈模式 on or off, chosen in 我的 (or from the one-time offer on 首页); kept in
 *   storage, so it survives a restart. `offered` records that the offer was answered.
 * - The text scale follows the person's WeChat font size (`fontSizeScaleFactor` from
 *   getAppBaseInfo, or getSystemInfoSync on an old base library), clamped to [1, 2], and is
 *   1.2× larger again in 长辈模式.
 *
 * The stylesheets size text with `fs()` and tap targets with `tap()` (src/styles/_tokens.scss),
 * which read `--elder` (0 or 1) and `--text-scale`. In H5 the variables sit on <html>; in the
 * WeChat build they go into each page's root style through <page-meta page-style>
 * (src/shared/ui/display-mode.tsx).
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';

const KEY = 'display-mode';
/** How much larger text is in 长辈模式 than in the normal mode at the same WeChat font size. */
export const ELDER_TEXT_BOOST = 1.2;
const MAX_FONT_SCALE = 2;

export interface DisplayMode {
  elder: boolean;
  /** The 长辈模式 offer was answered (either way): it is not shown again. */
  offered: boolean;
}

/** What the stylesheets read. */
export interface DisplayVars {
  '--elder': string;
  '--text-scale': string;
}

/** WeChat's font scale as a factor ≥ 1 (≤ 2); anything unusable counts as the standard size. */
export function fontScaleFrom(factor: unknown): number {
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 1) return 1;
  return Math.min(factor, MAX_FONT_SCALE);
}

/** The CSS variables for a mode at a WeChat font scale. */
export function displayVars(mode: DisplayMode, fontScale: number): DisplayVars {
  const scale = fontScaleFrom(fontScale) * (mode.elder ? ELDER_TEXT_BOOST : 1);
  return { '--elder': mode.elder ? '1' : '0', '--text-scale': String(Math.round(scale * 1000) / 1000) };
}

/** The variables as an inline style (`--elder:1;--text-scale:1.2`), for <page-meta page-style>. */
export function displayStyle(vars: DisplayVars): string {
  return Object.entries(vars)
    .map(([name, value]) => `${name}:${value}`)
    .join(';');
}

/** A stored value read back: anything else than what we wrote is the default (normal mode). */
export function parseMode(stored: unknown): DisplayMode {
  if (!stored || typeof stored !== 'object') return { elder: false, offered: false };
  const value = stored as Partial<DisplayMode>;
  return { elder: value.elder === true, offered: value.offered === true };
}

function readFontScaleFactor(): number {
  try {
    const base = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : null;
    const factor = (base as { fontSizeScaleFactor?: number } | null)?.fontSizeScaleFactor;
    if (typeof factor === 'number') return fontScaleFrom(factor);
    return fontScaleFrom((Taro.getSystemInfoSync() as { fontSizeScaleFactor?: number }).fontSizeScaleFactor);
  } catch {
    return 1;
  }
}

type Listener = () => void;
const listeners = new Set<Listener>();
let current: DisplayMode | null = null;
let fontScale: number | null = null;

function readStored(): DisplayMode {
  try {
    return parseMode(Taro.getStorageSync(KEY));
  } catch {
    return parseMode(null);
  }
}

/** The mode now (read from storage once, then kept). */
export function getDisplayMode(): DisplayMode {
  current ??= readStored();
  return current;
}

/** The WeChat font scale (read once per start: WeChat restarts the mini-program when it changes). */
export function getFontScale(): number {
  fontScale ??= readFontScaleFactor();
  return fontScale;
}

export function currentDisplayVars(): DisplayVars {
  return displayVars(getDisplayMode(), getFontScale());
}

/** Turns 长辈模式 on or off (this also answers the offer), stores it and repaints every screen. */
export function setElderMode(elder: boolean): void {
  current = { elder, offered: true };
  try {
    Taro.setStorageSync(KEY, current);
  } catch {
    // Storage full or unavailable: the mode still holds until the app closes.
  }
  applyDisplayMode();
  for (const listener of listeners) listener();
}

export function onDisplayModeChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * In H5, puts the variables on <html> (every page and Taro's own tab bar inherit them) and marks
 * it `elder-mode`. The WeChat build has no document: its pages take the variables from
 * <page-meta>. Called at launch and on every change.
 */
export function applyDisplayMode(): void {
  if (typeof document === 'undefined' || !document.documentElement) return;
  const root = document.documentElement;
  const vars = currentDisplayVars();
  for (const [name, value] of Object.entries(vars)) root.style.setProperty(name, value);
  // Taro's H5 tab bar takes its height (and pages their max height) from this variable: 50 px,
  // and 60 px in 长辈模式 (1rem is 40 design px, so 2.5rem is tap(100px), 3rem is 120).
  root.style.setProperty('--taro-tabbar-height', 'max(2.5rem, calc(3rem * var(--elder, 0)))');
  root.classList.toggle('elder-mode', getDisplayMode().elder);
}

/** How long a toast stays in 长辈模式 at least: long enough to read twice (no needless time limit). */
export const ELDER_TOAST_MS = 5000;

let toastsInstalled = false;

/**
 * Toasts vanish on a timer (1.5 s by default), and some carry a message to read (a refusal, a
 * held text). In 长辈模式 every toast stays at least {@link ELDER_TOAST_MS}. Wraps
 * `Taro.showToast` once, at launch, so no screen has to remember it.
 */
export function installElderToasts(): void {
  if (toastsInstalled) return;
  toastsInstalled = true;
  const show = Taro.showToast.bind(Taro);
  Taro.showToast = ((option: Taro.showToast.Option) =>
    show(
      getDisplayMode().elder ? { ...option, duration: Math.max(option.duration ?? 1500, ELDER_TOAST_MS) } : option,
    )) as typeof Taro.showToast;
}

/** For tests: forget what was read, as after a restart. */
export function resetDisplayModeForTests(): void {
  current = null;
  fontScale = null;
  toastsInstalled = false;
  listeners.clear();
}

/** The mode, re-rendering when it changes. */
export function useDisplayMode(): DisplayMode {
  const [mode, setMode] = useState(getDisplayMode);
  useEffect(() => {
    setMode(getDisplayMode());
    return onDisplayModeChange(() => setMode(getDisplayMode()));
  }, []);
  return mode;
}
