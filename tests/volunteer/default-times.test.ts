/**
 * The times a new volunteer activity's form starts from (src/features/volunteer/wall-time.ts),
 * with an injected clock in China Standard Time: tomorrow morning at 09:00, two hours long,
 * sign-up closing at the start — whatever the hour it is opened; and the − / + steps of its
 * number fields (src/shared/ui/number-steps.tsx).
 */
import { stepValue } from '../../src/shared/step-value';
import { defaultTimes } from '../../src/features/volunteer/wall-time';

const cst = (text: string) => Date.parse(`${text}:00+08:00`);

test.each(['2026-12-07T00:10', '2026-12-07T08:59', '2026-12-07T14:37', '2026-12-07T23:59'])(
  'opened at %s, it proposes tomorrow 09:00–11:00 with sign-up closing at 09:00',
  (now) => {
    expect(defaultTimes(cst(now))).toEqual({
      start: { date: '2026-12-08', time: '09:00' },
      end: { date: '2026-12-08', time: '11:00' },
      deadline: { date: '2026-12-08', time: '09:00' },
    });
  },
);

test('rolls over the end of a month and of a year', () => {
  expect(defaultTimes(cst('2026-11-30T20:00')).start).toEqual({ date: '2026-12-01', time: '09:00' });
  expect(defaultTimes(cst('2026-12-31T08:00')).start).toEqual({ date: '2027-01-01', time: '09:00' });
});

test('steps a number field by its buttons within its bounds, starting an empty field from the minimum', () => {
  expect(stepValue('10', 1, 1, 1000)).toBe('11');
  expect(stepValue('1', -1, 1, 1000)).toBe('1');
  expect(stepValue('98', 5, 0, 100)).toBe('100');
  expect(stepValue('', 1, 1, 1000)).toBe('1');
  expect(stepValue('abc', 5, 0, 100)).toBe('0');
});
