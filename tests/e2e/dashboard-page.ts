/**
 * What the dashboard's browser tests share: a full-height screenshot, reading a figure's table,
 * waiting for a fresh overview, and a registration document to count.
 */
import type { Page } from 'playwright-core';
import { artifact } from '../support/browser';

/**
 * A screenshot of the whole dashboard: the page scrolls inside Taro's page element, not the
 * window, so the viewport is stretched to the screen's height for the shot.
 */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  const height = await page.evaluate(() => {
    const screen = [...document.querySelectorAll<HTMLElement>('[data-testid="dash-screen"]')].find(
      (e) => e.offsetParent !== null,
    );
    return screen ? Math.ceil(screen.getBoundingClientRect().top + screen.scrollHeight) : 0;
  });
  const viewport = page.viewportSize()!;
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: artifact(name), fullPage: true });
  if (height > viewport.height) await page.setViewportSize(viewport);
}

/** The cells of a figure's table, row by row. */
export async function table(page: Page, testId: string): Promise<string[][]> {
  const rows = page.getByTestId(testId).getByTestId('dash-row');
  const out: string[][] = [];
  for (const row of await rows.all()) {
    out.push((await row.locator('.dash-table__cell').allTextContents()).map((t) => t.trim()));
  }
  return out;
}

/** Does `action` and waits until the overview it asks for has arrived and is shown. */
export async function reloading(page: Page, action: () => Promise<void>): Promise<void> {
  const response = page.waitForResponse(
    (r) =>
      r.url().endsWith('/api/functions/dashboard') &&
      (JSON.parse(r.request().postData() ?? '{}') as { action?: string }).action === 'overview',
  );
  await action();
  await response;
  await page.waitForFunction(
    () => document.querySelector('.dash-figures') && !document.querySelector('.dash-figures.is-stale'),
  );
}

/** A 报到 registration of an in-office member of 市税务局第三分局, as stored. */
export const registration = (
  id: string,
  status: string,
  createdAt: Date,
  householdId: string,
  communityId: string,
) => ({
  _id: id,
  userId: `user-${id}`,
  userName: id,
  communityId,
  workUnitId: 'wu-tax',
  workUnitName: '市税务局第三分局',
  partyOrgName: '市税务局第三分局机关党委',
  householdId,
  householdLabel: '',
  skills: [],
  intentions: [],
  status,
  reason: null,
  decidedBy: null,
  createdAt,
  decidedAt: null,
  withdrawnAt: null,
});
