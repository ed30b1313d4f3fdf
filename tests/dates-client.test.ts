/**
 * The mini-program's date helpers go through types/time.ts: a wall-clock pick is sent with
 * Shanghai's offset, an impossible pick is sent as text the server refuses, and the dashboard's
 * quick ranges and the assessment's quarters follow the Shanghai calendar at year ends.
 */
import { instant, toIso, wallTime } from '../src/shared/wall-time';
import { presetRange, rangeError, todayCst } from '../src/features/dashboard/date-range';
import { quarterLabel, recentQuarters } from '../src/shared/quarter';
import { cstDay } from '../src/features/wish/dates';
import { parseInstant } from '../types/time';

test('a wall-clock pick is sent as an ISO time with +08:00 and reads back the same', () => {
  const w = { date: '2026-11-29', time: '14:00' };
  expect(toIso(w)).toBe('2026-11-29T14:00:00+08:00');
  expect(instant(w).toISOString()).toBe('2026-11-29T06:00:00.000Z');
  expect(wallTime('2026-11-29T06:00:00.000Z')).toEqual(w);
  expect(wallTime(new Date('2026-12-31T16:30:00Z'))).toEqual({ date: '2027-01-01', time: '00:30' });
});

test('an impossible wall-clock pick is no instant and is sent as a text the server refuses', () => {
  const w = { date: '2026-02-30', time: '10:00' };
  expect(Number.isNaN(instant(w).getTime())).toBe(true);
  expect(parseInstant(toIso(w))).toBeNull();
  expect(parseInstant(toIso({ date: '2026-03-01', time: '24:61' }))).toBeNull();
});

test('the dashboard quick ranges end today in Shanghai and start on the Shanghai calendar', () => {
  const now = new Date('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in Shanghai
  expect(todayCst(now)).toBe('2027-01-01');
  expect(presetRange('month', now)).toMatchObject({ from: '2027-01-01', to: '2027-01-01' });
  expect(presetRange('quarter', now)).toMatchObject({ from: '2027-01-01' });
  expect(presetRange('last30', now)).toMatchObject({ from: '2026-12-03' });
  expect(presetRange('year', new Date('2026-05-20T04:00:00Z'))).toMatchObject({ from: '2026-01-01', to: '2026-05-20' });
  expect(presetRange('quarter', new Date('2026-05-20T04:00:00Z'))).toMatchObject({ from: '2026-04-01' });
  expect(rangeError({ from: '2026-02-30', to: '2026-03-01' })).toBe('请选择开始和结束日期');
  expect(rangeError({ from: '2026-03-02', to: '2026-03-01' })).toBe('开始日期不能晚于结束日期');
});

test('recent quarters count back across the year end; labels read in Chinese', () => {
  expect(recentQuarters(4, new Date('2027-01-01T00:00:00+08:00'))).toEqual(['2027Q1', '2026Q4', '2026Q3', '2026Q2']);
  expect(quarterLabel('2026Q4')).toBe('2026年第四季度');
  expect(quarterLabel('2026Q5')).toBe('2026Q5');
});

test('the wanted-by day offers Shanghai calendar days', () => {
  const now = new Date('2026-12-31T16:30:00Z');
  expect(cstDay(0, now)).toBe('2027-01-01');
  expect(cstDay(10, now)).toBe('2027-01-11');
});
