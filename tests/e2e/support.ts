/**
 * What the browser tests share: the real local server and a phone-sized Chromium for a file's
 * tests, the quiet-console guard, the persona switcher, Taro's confirmation modal, filling Taro
 * inputs, screenshots, and calling an action as the app does (for set-up steps and for checks
 * the UI does not show).
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { artifact, launchBrowser, newPhone } from '../support/browser';
import { startApp, type StartedApp } from '../support/local-server';
import { mustCall } from '../support/server-client';
import { cstClock, cstDay } from '../../types/time';

export interface E2E {
  app: StartedApp;
  browser: Browser;
  /**
   * A fresh phone (no stored persona) under the quiet-console guard: the test fails (after it
   * ran) on any console error, page error, failed request or HTTP reply ≥ 400 of its pages.
   */
  phone: () => Promise<BrowserContext>;
}

/** What the guard has seen; `quiet()` asserts it saw nothing. */
export interface ConsoleGuard {
  problems: string[];
  quiet: () => void;
}

/**
 * The quiet-console guard on a phone (every page of the context, including pages it opens
 * later) or one page: records each console error, uncaught page error, failed request and HTTP
 * error reply (≥ 400, the favicon included). A request aborted because the page went away
 * (`net::ERR_ABORTED`: the test navigated while the badge or a list was still loading, as a person
 * tapping on would) is not counted: it depends on timing, not on the app.
 */
export function guardConsole(target: BrowserContext | Page): ConsoleGuard {
  const problems: string[] = [];
  const where = (page: Page | null) => {
    const url = page?.url() ?? '';
    const hash = url.indexOf('#');
    return hash >= 0 ? ` (on ${url.slice(hash + 1)})` : '';
  };
  target.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}${where(msg.page())}`);
  });
  if ('newPage' in target) {
    target.on('weberror', (error) => problems.push(`page error: ${error.error().message}${where(error.page())}`));
  } else {
    target.on('pageerror', (error) => problems.push(`page error: ${error.message}${where(target)}`));
  }
  target.on('requestfailed', (req) => {
    const why = req.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.method()} ${req.url()} ${why}`);
  });
  target.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return { problems, quiet: () => expect(problems).toEqual([]) };
}

/**
 * Starts the local server (`npm start`'s entry) and the browser before the file's tests and
 * stops both after them. Read `app` and `browser` inside tests. The server has the bare demo
 * community, or with `history` the lived-in demo `npm start` seeds (a year of its life).
 * Phones from `phone()` are guarded: each test fails on what its pages logged as errors.
 */
export function appAndBrowser({ history = false }: { history?: boolean } = {}): E2E {
  const started: Partial<Omit<E2E, 'phone'>> = {};
  let guards: ConsoleGuard[] = [];
  beforeAll(async () => {
    started.app = await startApp({ history });
    started.browser = await launchBrowser();
  });
  afterEach(() => {
    const problems = guards.flatMap((g) => g.problems);
    guards = [];
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.app?.stop();
  });
  const e2e: E2E = {
    get app() {
      if (!started.app) throw new Error('the local server is not started (use it inside a test)');
      return started.app;
    },
    get browser() {
      if (!started.browser) throw new Error('the browser is not launched (use it inside a test)');
      return started.browser;
    },
    phone: async () => {
      const context = await newPhone(e2e.browser);
      guards.push(guardConsole(context));
      return context;
    },
  };
  return e2e;
}

/** A 1×1 PNG, for photo uploads. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Pages stay mounted under the one on top: act on what is visible. */
export const visible = (page: Page, testId: string): Locator => page.getByTestId(testId).filter({ visible: true });

/** A full-page screenshot (test-results/`name`) once Taro's page transition (a slide) has finished. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await page.screenshot({ path: artifact(name), fullPage: true });
}

/** Switches persona through the switcher of the page on top, as a person would. */
export async function switchPersona(page: Page, name: RegExp, current: string): Promise<void> {
  await visible(page, 'persona-open').click();
  await page.getByRole('option', { name }).click();
  await visible(page, 'persona-current').getByText(`当前身份：${current}`).waitFor();
}

/** Opens `path` (a hash path, e.g. `/pages/wish/index`) and switches persona on it. */
export async function openAs(page: Page, app: StartedApp, path: string, name: RegExp, current: string): Promise<void> {
  await page.goto(`${app.url}/#${path}`);
  await switchPersona(page, name, current);
}

/** Confirms Taro's modal (the one that mentions `mentions`) with its own confirm button. */
export async function confirmModal(page: Page, mentions: string, button: string): Promise<void> {
  const modal = page.locator('.taro-modal__content').filter({ hasText: mentions });
  await modal.waitFor();
  await modal.locator('.taro-model__confirm').getByText(button, { exact: true }).click();
  await modal.waitFor({ state: 'hidden' });
}

/** Types into a Taro Input or Textarea (a custom element wrapping the real field). */
export async function fill(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').fill(text);
}

/**
 * Picks a Shanghai date and time in a TimeRow (`<testId>-date`, `<testId>-time`) as its native
 * pickers would: each picker's change event in turn (scrolling the wheels headless is not
 * reliable), waiting for the row to show what was picked.
 */
export async function pickWallTime(page: Page, testId: string, at: Date): Promise<void> {
  for (const [part, value] of [
    ['date', cstDay(at)],
    ['time', cstClock(at)],
  ] as const) {
    const shown = page.getByTestId(`${testId}-${part}`);
    await shown.evaluate((el, v) => {
      el.closest('taro-picker-core')!.dispatchEvent(new CustomEvent('change', { detail: { value: v } }));
    }, value);
    await shown.getByText(value, { exact: true }).waitFor();
  }
}

/** Calls an action as `openid` through the local server, as the app would; its data, or throws. */
export async function act(app: StartedApp, openid: string, area: string, action: string, data: object): Promise<any> {
  return mustCall(app.url, openid, area, action, data);
}

// ---- The spoken 6-digit code: shown beside the organiser's QR, typed on a member's number pad.

/** The organiser's spoken code on screen: six digits shown as `123 456`, drawn at least 40 px. */
export async function readSpokenCode(page: Page): Promise<string> {
  const spoken = page.getByTestId('spoken-code');
  const digits = (await spoken.getAttribute('data-code')) ?? '';
  expect(digits).toMatch(/^\d{6}$/);
  await spoken.getByText(`${digits.slice(0, 3)} ${digits.slice(3)}`, { exact: true }).waitFor();
  const digitSize = await spoken
    .locator('.spoken-code__digits')
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(digitSize).toBeGreaterThanOrEqual(40);
  return digits;
}

/** The member's number pad: no text field (so no system keyboard), keys at least 60 × 60 CSS px. */
export async function expectNumberPad(page: Page): Promise<Locator> {
  const pad = page.getByTestId('spoken-box');
  await pad.waitFor();
  expect(await pad.locator('input, textarea').count()).toBe(0);
  const key = await page.getByTestId('spoken-key-5').boundingBox();
  expect(key!.width).toBeGreaterThanOrEqual(60);
  expect(key!.height).toBeGreaterThanOrEqual(60);
  return pad;
}

/** Types digits on the number pad, key by key. */
export async function tapDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.getByTestId(`spoken-key-${d}`).click();
}

/** A code wrong in every digit. */
export function wrongCode(digits: string): string {
  return digits
    .split('')
    .map((d) => String((Number(d) + 5) % 10))
    .join('');
}
