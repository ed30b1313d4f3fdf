/** The pure rules, table-driven: deadline edges (one second before/after), window, hours, points. */
import { beforeDeadline, inCheckinWindow, pointsFor, serviceHours } from '../../cloudfunctions/volunteer/src/rules';
import { fromCst } from '../../types/time';

const start = fromCst(2026, 12, 5, 9, 0); // 09:00 CST
const end = fromCst(2026, 12, 5, 11, 0); // 11:00 CST
const at = (h: number, m: number, s = 0) => fromCst(2026, 12, 5, h, m, s);

test.each([
  ['early arrival, leaves on time', at(8, 40), at(11, 0), 2],
  ['late arrival', at(9, 20), at(11, 0), 1.5],
  ['leaves early', at(9, 0), at(10, 14), 1],
  ['stays late', at(9, 0), at(12, 30), 2],
  ['early and late', at(8, 30), at(11, 30), 2],
  ['under 15 minutes → 0', at(9, 0), at(9, 14, 59), 0],
  ['exactly 15 minutes', at(9, 0), at(9, 15), 0.25],
  ['exactly on the edges', at(9, 0), at(11, 0), 2],
  ['one second short of a quarter', at(9, 0), at(10, 44, 59), 1.5],
  ['entirely before the start', at(8, 30), at(8, 59), 0],
  ['check-out at check-in', at(10, 0), at(10, 0), 0],
])('%s', (_name, checkIn, checkOut, hours) => {
  expect(serviceHours(checkIn, checkOut, start, end)).toBe(hours);
});

test.each([
  [1.5, 4, 6],
  [0.25, 5, 1],
  [0.25, 3, 0],
  [2.75, 3, 8],
  [0, 10, 0],
])('points for %s hours at %s per hour = %s', (hours, pph, points) => {
  expect(pointsFor(hours, pph)).toBe(points);
});

test('deadline is inclusive: one second before and at it accepted, one second after refused (CST)', () => {
  const deadline = fromCst(2026, 12, 4, 18, 0);
  expect(beforeDeadline(deadline, fromCst(2026, 12, 4, 17, 59, 59))).toBe(true);
  expect(beforeDeadline(deadline, deadline)).toBe(true);
  expect(beforeDeadline(deadline, fromCst(2026, 12, 4, 18, 0, 1))).toBe(false);
});

test('check-in window is [start − 30 min, end]', () => {
  expect(inCheckinWindow(start, end, at(8, 29, 59))).toBe(false);
  expect(inCheckinWindow(start, end, at(8, 30))).toBe(true);
  expect(inCheckinWindow(start, end, at(11, 0))).toBe(true);
  expect(inCheckinWindow(start, end, at(11, 0, 1))).toBe(false);
});
