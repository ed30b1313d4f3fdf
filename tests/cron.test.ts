/** Timer schedules are CloudBase's seven-field expressions, evaluated in China Standard Time. */
import { parseSchedule } from '../emulator/host/cron';

test('a quarterly schedule fires at 01:00 Shanghai time on the first day of each quarter', () => {
  const s = parseSchedule('0 0 1 1 1,4,7,10 * *');
  expect(s.next(new Date('2026-11-29T00:00:00Z'))?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
  expect(s.next(new Date('2026-12-31T17:00:00Z'))?.toISOString()).toBe('2027-03-31T17:00:00.000Z');
});

test('steps and day-of-week work, Sunday being 0 or 7', () => {
  expect(parseSchedule('*/30 * * * * * *').next(new Date('2026-11-29T00:00:10Z'))?.toISOString()).toBe(
    '2026-11-29T00:00:30.000Z',
  );
  // 2026-11-29 is a Sunday in Shanghai; the next Sunday 09:00 CST after Sunday 10:00 CST is a week later.
  expect(parseSchedule('0 0 9 * * 7 *').next(new Date('2026-11-29T02:00:00Z'))?.toISOString()).toBe(
    '2026-12-06T01:00:00.000Z',
  );
});

test('malformed schedules are refused with a reason', () => {
  expect(() => parseSchedule('0 0 1 * *')).toThrow(/7 fields/);
  expect(() => parseSchedule('0 61 * * * * *')).toThrow(/bad field/);
});
