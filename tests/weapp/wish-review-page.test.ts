/**
 * 心愿审核 in the real WeChat build (dist/weapp), rendered by miniprogram-simulate with the
 * cloud played by the test: the 待人工审核内容 tab shows the count of held items on its badge,
 * lists each held text with its author and cause; 删除 asks first (declined: nothing is called)
 * and then calls wish.clearHold with reject; the list is read again afterwards.
 */
import { type LoadedPage, loadTaroPage } from './load-taro-page';
import { actionOf, cloudOf, dataOf, ok, spyOnWx, until } from './play-cloud';

jest.setTimeout(30_000);

const heldItem = {
  kind: 'wish',
  id: 'w1',
  topicId: null,
  title: '想要一副助行器',
  at: '2026-12-01T02:00:00.000Z',
  holds: [
    {
      field: 'content',
      label: '心愿描述',
      cause: 'busy',
      at: '2026-12-01T02:00:00.000Z',
      text: '系统繁忙时写下的心愿描述',
      authorName: '张秀英',
    },
  ],
};

/** WeChat's modal, answered by the test. */
const answerModals = (confirm: boolean): jest.Mock => spyOnWx('showModal', { confirm, cancel: !confirm });

let page: LoadedPage | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

test('the 待人工审核内容 tab: badge, held text with author and cause, 删除 only after a confirmation', async () => {
  let cleared = false;
  page = loadTaroPage('packages/wish/pages/review/index', {
    query: { communityId: 'comm-xingfuli' },
    cloud: cloudOf({
      'wish.reviewQueue': () => ok({ items: [], nextCursor: null }),
      'wish.heldTexts': () => ok({ items: cleared ? [] : [heldItem], nextCursor: null }),
      'wish.clearHold': (call) => {
        cleared = true;
        return ok({ kind: 'wish', id: 'w1', decision: dataOf(call).decision, cleared: ['content'], remaining: 0 });
      },
    }),
  });

  await page.waitForText('没有待审核的心愿');
  await until(() => page!.findAllByText('1').length > 0, 'the held count on the tab');
  // The tab reads its label and its badge: "待人工审核内容" + "1".
  const [tab] = page.findAllByText('待人工审核内容1');
  page.tap(tab!);
  await page.waitForText('系统繁忙时写下的心愿描述');
  for (const text of ['想要一副助行器', '心愿描述 · 张秀英 · 检查服务繁忙']) expect(page.text()).toContain(text);

  // 删除, declined: nothing is called.
  const declined = answerModals(false);
  page.tap(page.findAllByText('删除')[0]!);
  await until(() => declined.mock.calls.length > 0, 'the confirmation');
  expect(page.cloudCalls.filter((c) => actionOf(c) === 'clearHold')).toHaveLength(0);

  // 删除, confirmed: wish.clearHold with reject, then the list is read again (now empty).
  answerModals(true);
  page.tap(page.findAllByText('删除')[0]!);
  await page.waitForText('没有待人工审核的内容');
  expect(page.cloudCalls).toContainEqual({
    name: 'wish',
    data: { action: 'clearHold', data: { wishId: 'w1', field: 'content', decision: 'reject' } },
  });
});
