/** Asia/Shanghai arithmetic: windows, quarters and display agree with the wall clock in China. */
import { formatCst, fromCst, previousQuarter, quarterOf, quarterRange } from '../types/time';

test('a UTC evening is already the next day in Shanghai', () => {
  expect(formatCst(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01 00:30');
});

test('quarters follow the Shanghai calendar at their edges', () => {
  expect(quarterOf(new Date('2026-03-31T15:59:59Z'))).toBe('2026Q1');
  expect(quarterOf(new Date('2026-03-31T16:00:00Z'))).toBe('2026Q2');
  expect(quarterOf(fromCst(2026, 12, 31, 23, 59, 59))).toBe('2026Q4');
  expect(quarterOf(fromCst(2027, 1, 1))).toBe('2027Q1');
});

test('a quarter range is half-open and the previous quarter wraps the year', () => {
  const { start, end } = quarterRange('2026Q4');
  expect(start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
  expect(end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  expect(previousQuarter('2027Q1')).toBe('2026Q4');
  expect(previousQuarter('2026Q3')).toBe('2026Q2');
  expect(() => quarterRange('2026Q5')).toThrow();
});
