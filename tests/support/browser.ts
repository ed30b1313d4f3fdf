/**
 * Debian's Chromium driven by playwright-core, as a phone: 375×812 CSS px (the screenshot
 * scripts' phone: 390×844 at 1×), touch, Chinese locale, Asia/Shanghai. Flags keep Chromium off
 * the network (this machine has none).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const artifactsDir = resolve(__dirname, '..', '..', 'test-results');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone's screen: CSS pixels and device pixels per CSS pixel. */
export interface PhoneScreen {
  width: number;
  height: number;
  scale: number;
}

/** The tests' phone. */
export const TEST_PHONE: PhoneScreen = { width: 375, height: 812, scale: 2 };
/** The screenshot scripts' phone (README and docs images): a little larger, at 1× so files stay small. */
export const SHOT_PHONE: PhoneScreen = { width: 390, height: 844, scale: 1 };

export async function newPhone(browser: Browser, screen: PhoneScreen = TEST_PHONE): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    deviceScaleFactor: screen.scale,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

export function artifact(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return join(artifactsDir, name);
}
