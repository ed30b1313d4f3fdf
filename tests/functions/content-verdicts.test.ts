/**
 * The content check's verdicts (cloudfunctions/_shared/content-check.ts), one per kind of reply:
 * pass and risky decide; review, busy (-1), another error code, a thrown transport failure and
 * no answer in time hold the text for manual review — never refuse it.
 */
import { CHECK_TIMEOUT_MS, checkText, verdictOf } from '../../cloudfunctions/_shared/content-check';
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { moderateTexts } from '../../cloudfunctions/_shared/moderation';
import { setOpenApiForTests, type OpenApi } from '../../cloudfunctions/_shared/open-api';

const ctx = { caller: { openid: 'o-test', appid: null }, now: () => new Date() } as unknown as Ctx;
const api = (msgSecCheck: OpenApi['msgSecCheck']): OpenApi => ({
  msgSecCheck,
  sendSubscribeMessage: () => Promise.resolve({ errcode: 0 }),
});

afterEach(() => setOpenApiForTests(undefined));

test('each reply kind maps to its verdict', () => {
  expect(verdictOf({ errcode: 0, result: { suggest: 'pass' } })).toEqual({ kind: 'pass' });
  expect(verdictOf({ errcode: 0, result: { suggest: 'risky' } })).toEqual({ kind: 'risky' });
  expect(verdictOf({ errcode: 87014 })).toEqual({ kind: 'risky' });
  expect(verdictOf({ errcode: 0, result: { suggest: 'review' } })).toEqual({ kind: 'held', cause: 'review' });
  expect(verdictOf({ errcode: -1 })).toEqual({ kind: 'held', cause: 'busy' });
  expect(verdictOf({ errcode: 61010 })).toEqual({ kind: 'held', cause: 'unavailable' });
  expect(verdictOf({ errcode: 0 })).toEqual({ kind: 'held', cause: 'unavailable' });
  expect(verdictOf({ thrown: { errCode: -1 } })).toEqual({ kind: 'held', cause: 'busy' });
  expect(verdictOf({ thrown: new Error('ECONNRESET') })).toEqual({ kind: 'held', cause: 'unavailable' });
});

test('the check sends the text, version 2, the scene and the caller’s openid', async () => {
  const seen: unknown[] = [];
  setOpenApiForTests(
    api((request) => {
      seen.push(request);
      return Promise.resolve({ errcode: 0, result: { suggest: 'pass' } });
    }),
  );
  await expect(checkText(ctx, '楼道灯坏了', 3)).resolves.toEqual({ kind: 'pass' });
  expect(seen).toEqual([{ content: '楼道灯坏了', version: 2, scene: 3, openid: 'o-test' }]);
});

test('a check that does not answer in time holds the text', async () => {
  jest.useFakeTimers();
  try {
    setOpenApiForTests(api(() => new Promise(() => undefined)));
    const verdict = checkText(ctx, '一段文字');
    await jest.advanceTimersByTimeAsync(CHECK_TIMEOUT_MS + 1);
    await expect(verdict).resolves.toEqual({ kind: 'held', cause: 'timeout' });
  } finally {
    jest.useRealTimers();
  }
});

test('a transport failure holds every field: nothing is refused, nothing lost', async () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  setOpenApiForTests(api(() => Promise.reject(new Error('socket hang up'))));
  await expect(moderateTexts(ctx, { title: '标题', note: '说明', empty: '  ' })).resolves.toEqual({
    held: [
      { field: 'title', text: '标题', cause: 'unavailable' },
      { field: 'note', text: '说明', cause: 'unavailable' },
    ],
  });
  spy.mockRestore();
});
