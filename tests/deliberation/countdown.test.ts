/**
 * The topic screen's countdown (src/features/deliberation/common/server-clock.ts) and the demo
 * clock's label in the persona switcher (src/features/persona/local-clock.ts): periods are
 * counted on the server's clock the topic read carries, not the phone's.
 */
import type { TopicDetail } from '../../types/deliberation';
import { currentPeriod, remainingText, serverNow } from '../../src/features/deliberation/common/server-clock';
import { aheadText } from '../../src/features/persona/local-clock';
import { dayAhead } from '../../src/features/deliberation/wall-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

test('the time left reads in days and hours, then hours and minutes, then minutes, then 已截止', () => {
  expect(remainingText(7 * DAY)).toBe('剩余 7 天 0 小时');
  expect(remainingText(3 * DAY - 5000)).toBe('剩余 2 天 23 小时');
  expect(remainingText(DAY - 5000)).toBe('剩余 23 小时 59 分钟');
  expect(remainingText(5 * HOUR + 10 * MINUTE + 30_000)).toBe('剩余 5 小时 10 分钟');
  expect(remainingText(8 * MINUTE + 59_000)).toBe('剩余 8 分钟');
  expect(remainingText(20_000)).toBe('剩余 1 分钟');
  expect(remainingText(0)).toBe('已截止');
  expect(remainingText(-DAY)).toBe('已截止');
});

const topic = (over: Partial<TopicDetail>): TopicDetail =>
  ({
    step: 'collect',
    collectEndsAt: '2027-01-08T12:00:00.000Z',
    vote: null,
    notice: null,
    evaluation: null,
    now: '2027-01-01T12:00:00.000Z',
    ...over,
  }) as TopicDetail;

test('the server clock is the read’s now running on, however far the phone’s clock is from it', () => {
  const read = topic({ now: new Date(Date.now() + 10 * DAY).toISOString() });
  const now = serverNow(read);
  expect(Math.abs(now - (Date.now() + 10 * DAY))).toBeLessThan(1000);
  // The same read keeps its difference: the count runs on between reads.
  expect(Math.abs(serverNow(read) - now)).toBeLessThan(1000);
});

test('the period shown is the current step’s: collection, voting, 公示 or evaluation; none in the other steps', () => {
  expect(currentPeriod(topic({}))).toEqual({ label: '意见收集期', endsAt: '2027-01-08T12:00:00.000Z' });
  const vote = { closesAt: '2027-01-09T00:00:00.000Z' } as TopicDetail['vote'];
  expect(currentPeriod(topic({ step: 'vote', vote }))).toEqual({ label: '投票期', endsAt: vote!.closesAt });
  const notice = { endsAt: '2027-01-12T00:00:00.000Z' } as TopicDetail['notice'];
  expect(currentPeriod(topic({ step: 'notice', vote, notice }))).toEqual({ label: '公示期', endsAt: notice!.endsAt });
  const evaluation = { endsAt: '2027-01-20T00:00:00.000Z' } as TopicDetail['evaluation'];
  expect(currentPeriod(topic({ step: 'evaluate', evaluation }))).toEqual({
    label: '评估期',
    endsAt: evaluation!.endsAt,
  });
  for (const step of ['review', 'execute', 'archived', 'ended'] as const) {
    expect(currentPeriod(topic({ step, vote, notice, evaluation }))).toBeNull();
  }
});

test('the switcher says how far the demo clock is ahead, and nothing when it is not', () => {
  expect(aheadText(0)).toBe('');
  expect(aheadText(30_000)).toBe('');
  expect(aheadText(5 * MINUTE)).toBe('已拨快 5 分钟');
  expect(aheadText(HOUR)).toBe('已拨快 1 小时');
  expect(aheadText(7 * DAY + HOUR)).toBe('已拨快 7 天 1 小时');
  expect(aheadText(3 * DAY)).toBe('已拨快 3 天');
});

test('the 进入执行 sheet’s default due date is 30 days after the server’s date, not the phone’s, when the demo clock runs ahead', () => {
  const read = topic({ now: '2027-03-10T20:00:00.000Z' });
  const skewed = serverNow(read);
  // 2027-03-10T20:00Z is 2027-03-11 in Shanghai; 30 days later is 2027-04-10.
  expect(Math.abs(skewed - Date.parse('2027-03-10T20:00:00.000Z'))).toBeLessThan(1000);
  expect(dayAhead(30, skewed)).toBe('2027-04-10');
});
