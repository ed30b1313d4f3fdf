/**
 * types/time.ts, the one date module: strict parsing (a text names a real moment in 2000–2100 or
 * it is null), Asia/Shanghai windows and display whatever the host's zone, quarter arithmetic at
 * the year's edges, and the DateInput schema every action's date field goes through.
 */
import {
  addDays,
  addHours,
  addQuarters,
  cstDay,
  cstParts,
  formatCst,
  fromCst,
  isoCst,
  nextQuarter,
  parseCst,
  parseCstDay,
  parseInstant,
  parseQuarter,
  previousQuarter,
  quarterOf,
  quarterRange,
  startOfDayCst,
} from '../types/time';
import { DateInput } from '../types/common';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('parseInstant accepts an ISO instant with seconds and an offset, and nothing else', () => {
  test.each([
    ['2026-11-29T14:00:00+08:00', '2026-11-29T06:00:00.000Z'],
    ['2026-11-29T06:00:00Z', '2026-11-29T06:00:00.000Z'],
    ['2026-11-29T06:00:00.123Z', '2026-11-29T06:00:00.123Z'],
    ['2026-11-29T06:00:00.123456Z', '2026-11-29T06:00:00.123Z'],
    ['2026-11-29T06:00:00.57Z', '2026-11-29T06:00:00.570Z'],
    ['2026-11-29T06:00:00.5+08:00', '2026-11-28T22:00:00.500Z'],
    ['2026-11-29T01:00:00-05:00', '2026-11-29T06:00:00.000Z'],
    ['2026-11-29T11:45:00+05:45', '2026-11-29T06:00:00.000Z'],
    ['2028-02-29T12:00:00+08:00', '2028-02-29T04:00:00.000Z'],
    ['2000-01-01T00:00:00+08:00', '1999-12-31T16:00:00.000Z'],
    ['2100-12-31T23:59:59+08:00', '2100-12-31T15:59:59.000Z'],
  ])('reads %s as %s', (text, expected) => {
    expect(iso(parseInstant(text))).toBe(expected);
  });

  test.each([
    ['a month that does not exist', '2026-13-45T10:00:00+08:00'],
    ['the 30th of February', '2026-02-30T10:00:00+08:00'],
    ['the 29th of February outside a leap year', '2027-02-29T10:00:00+08:00'],
    ['the 31st of a 30-day month', '2026-04-31T10:00:00+08:00'],
    ['day zero', '2026-03-00T10:00:00+08:00'],
    ['year 0000', '0000-01-01T00:00:00+08:00'],
    ['a year before 2000', '1990-06-01T09:00:00+08:00'],
    ['a year after 2100', '9999-12-31T23:59:59+08:00'],
    ['a Shanghai new year 2101 written in UTC', '2100-12-31T16:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00+08:00'],
    ['minute 61', '2026-03-01T23:61:00+08:00'],
    ['second 60', '2026-03-01T23:59:60+08:00'],
    ['24:61', '2026-03-01T24:61:00+08:00'],
    ['no offset', '2026-03-01T10:00:00'],
    ['no seconds', '2026-03-01T10:00+08:00'],
    ['an offset without a colon', '2026-03-01T10:00:00+0800'],
    ['an offset beyond 14 hours', '2026-03-01T10:00:00+15:00'],
    ['an offset with 60 minutes', '2026-03-01T10:00:00+08:60'],
    ['a space instead of T', '2026-03-01 10:00:00+08:00'],
    ['one-digit month and day', '2026-3-1T10:00:00+08:00'],
    ['a date alone', '2026-03-01'],
    ['a timestamp', '1767225600000'],
    ['an English date', 'March 1, 2026 10:00 GMT+8'],
    ['garbage', 'not a date'],
    ['an empty string', ''],
    ['surrounding spaces', ' 2026-03-01T10:00:00+08:00 '],
  ])('refuses %s (%s)', (_what, text) => {
    expect(parseInstant(text)).toBeNull();
  });

  test('refuses what is not a string', () => {
    for (const value of [undefined, null, 0, Date.now(), new Date(), {}, []]) expect(parseInstant(value)).toBeNull();
  });
});

describe('Shanghai wall-clock texts are parsed strictly', () => {
  test('a day is its Shanghai midnight; a day and time is that minute in Shanghai', () => {
    expect(iso(parseCstDay('2026-11-29'))).toBe('2026-11-28T16:00:00.000Z');
    expect(iso(parseCst('2026-11-29'))).toBe('2026-11-28T16:00:00.000Z');
    expect(iso(parseCst('2026-11-29 14:05'))).toBe('2026-11-29T06:05:00.000Z');
  });

  test('leap years: 2028-02-29 exists, 2027-02-29 and 2100-02-29 do not', () => {
    expect(parseCstDay('2028-02-29')).not.toBeNull();
    expect(parseCstDay('2027-02-29')).toBeNull();
    expect(parseCstDay('2100-02-29')).toBeNull();
    expect(parseCstDay('2000-02-29')).not.toBeNull();
  });

  test.each([
    '2026-13-45',
    '2026-02-30',
    '0000-01-01',
    '1999-12-31',
    '2101-01-01',
    '2026-1-5',
    '20261129',
    '2026/11/29',
    'x',
  ])('refuses the day %s', (text) => {
    expect(parseCstDay(text)).toBeNull();
  });

  test.each([
    '2026-11-29 24:00',
    '2026-11-29 23:61',
    '2026-11-29 24:61',
    '2026-11-29T14:05',
    '2026-11-29 14:05:00',
    '2026-11-29 9:05',
  ])('refuses the wall time %s', (text) => {
    expect(parseCst(text)).toBeNull();
  });
});

describe('Shanghai arithmetic', () => {
  test('a UTC evening is already the next day in Shanghai', () => {
    expect(formatCst(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01 00:30');
    expect(formatCst('2026-03-31T16:30:05Z', true)).toBe('2026-04-01 00:30:05');
    expect(cstDay('2026-03-31T16:30:00Z')).toBe('2026-04-01');
    expect(isoCst('2026-03-31T16:30:00Z')).toBe('2026-04-01T00:30:00+08:00');
  });

  test('the start of a Shanghai day is 16:00 UTC the day before', () => {
    expect(iso(startOfDayCst(new Date('2026-03-31T16:30:00Z')))).toBe('2026-03-31T16:00:00.000Z');
    expect(iso(startOfDayCst(new Date('2026-03-31T15:59:59Z')))).toBe('2026-03-30T16:00:00.000Z');
  });

  test('adding days and hours crosses month and year ends on the Shanghai calendar', () => {
    expect(cstDay(addDays(fromCst(2026, 12, 31, 23, 59), 1))).toBe('2027-01-01');
    expect(cstDay(addDays(fromCst(2028, 2, 28), 1))).toBe('2028-02-29');
    expect(cstDay(addDays(fromCst(2027, 2, 28), 1))).toBe('2027-03-01');
    expect(formatCst(addHours(fromCst(2026, 12, 31, 23, 0), 2))).toBe('2027-01-01 01:00');
    expect(formatCst(addDays('2026-03-01T00:00:00+08:00', -1))).toBe('2026-02-28 00:00');
  });

  test('fromCst rolls over out-of-range parts, and round-trips with cstParts', () => {
    expect(iso(fromCst(2026, 12, 32))).toBe('2026-12-31T16:00:00.000Z');
    expect(cstParts(fromCst(2026, 11, 29, 14, 5, 9))).toEqual({
      year: 2026,
      month: 11,
      day: 29,
      hour: 14,
      minute: 5,
      second: 9,
    });
  });

  test('results do not depend on the host time zone', () => {
    const saved = process.env.TZ;
    const sample = () => [
      formatCst('2026-12-31T16:00:00Z'),
      iso(parseInstant('2026-11-29T14:00:00+08:00')),
      iso(parseCstDay('2026-11-29')),
      iso(startOfDayCst('2026-03-08T18:30:00Z')),
      quarterOf('2026-12-31T16:00:00Z'),
      iso(quarterRange('2026Q2').start),
    ];
    try {
      process.env.TZ = 'UTC';
      const utc = sample();
      for (const zone of ['America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Europe/London']) {
        process.env.TZ = zone;
        expect(sample()).toEqual(utc);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('quarters follow the Shanghai calendar', () => {
  test('the last second of a Shanghai quarter and the first of the next, across the year end', () => {
    expect(quarterOf(new Date('2026-03-31T15:59:59Z'))).toBe('2026Q1');
    expect(quarterOf(new Date('2026-03-31T16:00:00Z'))).toBe('2026Q2');
    expect(quarterOf(fromCst(2026, 12, 31, 23, 59, 59))).toBe('2026Q4');
    expect(quarterOf('2026-12-31T23:59:00+08:00')).toBe('2026Q4');
    expect(quarterOf('2027-01-01T00:00:00+08:00')).toBe('2027Q1');
    expect(quarterOf('2026-12-31T16:00:00Z')).toBe('2027Q1');
  });

  test('a quarter range is half-open, in Shanghai', () => {
    const { start, end } = quarterRange('2026Q4');
    expect(start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(quarterOf(start)).toBe('2026Q4');
    expect(quarterOf(new Date(end.getTime() - 1))).toBe('2026Q4');
    expect(quarterOf(end)).toBe('2027Q1');
  });

  test('the four quarters of a year tile it: each ends where the next starts, at a Shanghai midnight', () => {
    const starts = ['2026Q1', '2026Q2', '2026Q3', '2026Q4', '2027Q1'].map((q) => quarterRange(q).start);
    expect(starts.map((d) => formatCst(d))).toEqual([
      '2026-01-01 00:00',
      '2026-04-01 00:00',
      '2026-07-01 00:00',
      '2026-10-01 00:00',
      '2027-01-01 00:00',
    ]);
    for (let i = 0; i < 4; i += 1) expect(quarterRange(`2026Q${i + 1}`).end).toEqual(starts[i + 1]);
  });

  test('next and previous quarters wrap the year', () => {
    expect(previousQuarter('2027Q1')).toBe('2026Q4');
    expect(previousQuarter('2026Q3')).toBe('2026Q2');
    expect(nextQuarter('2026Q4')).toBe('2027Q1');
    expect(nextQuarter('2026Q1')).toBe('2026Q2');
    expect(addQuarters('2026Q2', -6)).toBe('2024Q4');
    expect(addQuarters('2026Q2', 7)).toBe('2028Q1');
  });

  test('a quarter text is strict: 1–4 and a year in the window', () => {
    expect(parseQuarter('2026Q4')).toEqual({ year: 2026, q: 4 });
    for (const text of ['2026Q5', '2026Q0', '0000Q1', '1999Q4', '2101Q1', '2026q4', '2026-Q4', ' 2026Q4'])
      expect(parseQuarter(text)).toBeNull();
    expect(() => quarterRange('2026Q5')).toThrow('not a quarter: 2026Q5');
  });
});

describe('DateInput, the schema of every date field an action takes', () => {
  const start = DateInput('开始时间');
  const day = DateInput('期望日期', 'day');
  const quarter = DateInput('考核季度', 'quarter');
  const message = (schema: typeof start, value: unknown) => {
    const r = schema.safeParse(value);
    return r.success ? null : r.error.issues[0]!.message;
  };

  test('keeps a valid text as sent', () => {
    expect(start.parse('2026-11-29T14:00:00+08:00')).toBe('2026-11-29T14:00:00+08:00');
    expect(day.parse('2028-02-29')).toBe('2028-02-29');
    expect(quarter.parse('2026Q4')).toBe('2026Q4');
  });

  test('names the field in Chinese when the date is impossible, missing or not text', () => {
    expect(message(start, '2026-13-45T10:00:00+08:00')).toBe('开始时间不是有效的日期时间');
    expect(message(start, '0000-01-01T00:00:00+08:00')).toBe('开始时间不是有效的日期时间');
    expect(message(start, 1767225600000)).toBe('开始时间不是有效的日期时间');
    expect(message(start, undefined)).toBe('请填写开始时间');
    expect(message(day, '2027-02-29')).toBe('期望日期不是有效的日期');
    expect(message(quarter, '2026Q5')).toBe('考核季度不是有效的季度');
  });
});

describe('whatever zone the device is set to', () => {
  // Jest gives each test file its own copy of process.env, so the zone is set on a child process.
  const script = join(__dirname, 'fixtures', 'time-in-zone.ts');
  test.each(['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati'])(
    'a Shanghai wall time names the same instant and reads back the same in %s',
    (zone) => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toEqual({
        zoneOffset: expect.any(Number),
        wall: '2026-12-06T02:15:00.000Z',
        iso: '2026-12-06T10:15:00+08:00',
        day: '2026-12-05T16:00:00.000Z',
        fromCst: '2026-12-06T02:15:00.000Z',
        format: '2026-12-06 10:15',
        quarterStart: '2026-09-30T16:00:00.000Z',
      });
    },
  );
});
