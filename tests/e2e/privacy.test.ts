/**
 * End to end, the privacy popup as WeChat makes us show it, simulated in the browser build
 * (`localStorage['hongse.privacy.simulate'] = '1'`, src/shared/privacy/platform.h5.ts): the
 * resident 张秀英 adds a photo to a wish — the popup asks first; 拒绝 leaves no file chooser and
 * says why; the link opens the full 隐私保护指引; 同意 opens the file chooser, and the next visit
 * is not asked again. 我的 links to the same text. Without the flag (every other browser test)
 * nothing is ever asked. Screenshots go to test-results/e2e-privacy-*.png.
 */
import type { Page } from 'playwright-core';
import { PNG, appAndBrowser, openAs, shot, visible } from './support';

jest.setTimeout(240_000);

const e2e = appAndBrowser();

const RESIDENT = '张秀英（居民（74岁））';

async function openPostAsResident(page: Page) {
  // Earlier pages may stay mounted (hidden) under the wish wall: openAs uses its own switcher.
  await openAs(page, e2e.app, '/pages/wish/index', /张秀英/, RESIDENT);
  await visible(page, 'wish-post').click();
  await page.getByText('说说您的小心愿').waitFor();
}

test('adding a photo asks for the privacy agreement first; 拒绝 refuses, 同意 goes ahead and is remembered', async () => {
  const context = await e2e.phone();
  // Only on the app's pages: about:blank has no localStorage (reading it there is a page error).
  await context.addInitScript(() => {
    if (location.protocol.startsWith('http')) localStorage.setItem('hongse.privacy.simulate', '1');
  });
  const page = await context.newPage();
  let choosers = 0;
  page.on('filechooser', () => (choosers += 1));

  await openPostAsResident(page);
  await visible(page, 'photo-add').click();
  const popup = visible(page, 'privacy-popup');
  await popup.getByText('隐私保护提示').waitFor();
  await popup.getByText('姓名、手机号和房屋', { exact: false }).waitFor();
  await shot(page, 'e2e-privacy-1-popup.png');

  // 拒绝: no file chooser, and the reason in Chinese.
  await visible(page, 'privacy-disagree').click();
  await popup.waitFor({ state: 'detached' });
  await page.getByText('您没有同意《隐私保护指引》', { exact: false }).waitFor();
  expect(choosers).toBe(0);

  // Asked again on the next try; the link opens the full text with the buttons under it.
  await visible(page, 'photo-add').click();
  await visible(page, 'privacy-open-text').click();
  await visible(page, 'privacy-text').getByText('二、我们收集哪些信息，用来做什么').waitFor();
  await visible(page, 'privacy-text').getByText('撤回同意', { exact: false }).waitFor();
  await visible(page, 'privacy-agree').waitFor();
  await shot(page, 'e2e-privacy-2-full-text.png');
  await page.goBack();

  // 同意 on the post page: the file chooser opens and the photo is added.
  await page.getByText('说说您的小心愿').waitFor();
  const chooser = page.waitForEvent('filechooser');
  await visible(page, 'privacy-agree').click();
  await (await chooser).setFiles({ name: 'walker.png', mimeType: 'image/png', buffer: PNG });
  await visible(page, 'photo-thumb').waitFor();
  expect(await visible(page, 'privacy-popup').count()).toBe(0);

  // The next visit is not asked again.
  await openPostAsResident(page);
  const again = page.waitForEvent('filechooser');
  await visible(page, 'photo-add').click();
  await again;
  expect(await visible(page, 'privacy-popup').count()).toBe(0);
  await context.close();
});

test('我的 opens the 隐私保护指引; without the simulate flag nothing is asked', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await openAs(page, e2e.app, '/pages/mine/index', /张秀英/, RESIDENT);
  await visible(page, 'mine-privacy').click();
  await visible(page, 'privacy-text').getByText('红色邻里隐私保护指引').waitFor();
  expect(await visible(page, 'privacy-popup').count()).toBe(0);
  await shot(page, 'e2e-privacy-3-from-mine.png');

  await openPostAsResident(page);
  const chooser = page.waitForEvent('filechooser');
  await visible(page, 'photo-add').click();
  await chooser;
  expect(await visible(page, 'privacy-popup').count()).toBe(0);
  await context.close();
});
