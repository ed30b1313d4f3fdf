/**
 * The times a new event's form starts from (src/features/checkin/event-times.ts), with an
 * injected clock in China Standard Time: in working hours — the next full hour on a working day
 * between 09:00 and 16:00, else 09:00 of the next working day — two hours long; and moving the
 * start moves the end with it (src/shared/wall-time.ts `followStart`).
 */
import { defaultEventTimes } from '../../src/features/checkin/event-times';
import { followStart } from '../../src/shared/wall-time';

/** An instant given as Shanghai wall-clock text. */
const cst = (text: string) => Date.parse(`${text}:00+08:00`);
const startOf = (now: string) => defaultEventTimes(cst(now)).start;

test('starts at the next full hour inside working hours on a working day, and lasts two hours', () => {
  // Monday 2026-12-07.
  expect(defaultEventTimes(cst('2026-12-07T10:20'))).toEqual({
    start: { date: '2026-12-07', time: '11:00' },
    end: { date: '2026-12-07', time: '13:00' },
  });
  expect(startOf('2026-12-07T08:05')).toEqual({ date: '2026-12-07', time: '09:00' });
  expect(startOf('2026-12-07T15:59')).toEqual({ date: '2026-12-07', time: '16:00' });
  expect(startOf('2026-12-07T14:00')).toEqual({ date: '2026-12-07', time: '14:00' });
});

test('never proposes the small hours or the evening: then it is 09:00 of the next working day', () => {
  expect(startOf('2026-12-07T02:15')).toEqual({ date: '2026-12-07', time: '09:00' });
  expect(startOf('2026-12-07T16:01')).toEqual({ date: '2026-12-08', time: '09:00' });
  expect(startOf('2026-12-07T23:30')).toEqual({ date: '2026-12-08', time: '09:00' });
});

test('skips the weekend: Friday evening, Saturday and Sunday propose Monday 09:00', () => {
  expect(startOf('2026-12-04T18:00')).toEqual({ date: '2026-12-07', time: '09:00' });
  expect(startOf('2026-12-05T10:00')).toEqual({ date: '2026-12-07', time: '09:00' });
  expect(startOf('2026-12-06T23:59')).toEqual({ date: '2026-12-07', time: '09:00' });
});

test('moves the end with the start so the length stays, across days too', () => {
  const start = { date: '2026-12-08', time: '09:00' };
  const end = { date: '2026-12-08', time: '11:00' };
  expect(followStart(start, { date: '2026-12-08', time: '14:30' }, end)).toEqual({ date: '2026-12-08', time: '16:30' });
  expect(followStart(start, { date: '2026-12-07', time: '23:00' }, end)).toEqual({ date: '2026-12-08', time: '01:00' });
  // A start that names no real moment leaves the end alone.
  expect(followStart(start, { date: '2026-02-30', time: '09:00' }, end)).toEqual(end);
});
