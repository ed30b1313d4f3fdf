/**
 * Property test: the engine's own matcher (emulator/db/native-matcher.ts — equalities, `$eq`,
 * `$ne`, `$in`, `$nin`, ranges, `$and` / `$or`) agrees with mingo on generated queries and
 * documents of mixed types: arrays, nested arrays, objects, null, missing fields, NaN, -0, dates,
 * regular expressions, numbers and strings that look alike, strings outside the BMP, inherited
 * property names. Queries it does not cover fall back to mingo through `compileMatcher`.
 */
import { Query } from 'mingo';
import { decodeText } from '../../emulator/db/ejson-codec';
import { nativeMatcher } from '../../emulator/db/native-matcher';
import { compileMatcher } from '../../emulator/db/query-exec';
import { seeded } from './random';

const { rand, pick } = seeded(20261207);

const FIELDS = ['a', 'b', 'state', 'constructor', 'toString', '__proto__'] as const;
const QUERY_FIELDS = FIELDS.filter((f) => f !== '__proto__');
const day = (d: number) => new Date(Date.UTC(2026, 0, d));
/** Values a query may compare with (NaN and an invalid date are left to mingo). */
const OPERANDS: readonly unknown[] = [
  0,
  -0,
  1,
  1.5,
  -1,
  9,
  10,
  '1',
  '10',
  '9',
  '',
  'x',
  'y',
  'Y',
  '中',
  '\u{1F600}',
  '\uFFFF',
  true,
  false,
  null,
  day(1),
  day(2),
  day(3),
];

/** EJSON of a stored value: its JSON, with dates, NaN and regular expressions wrapped. */
function ejson(v: unknown): string {
  if (v instanceof Date) return `{"$date":{"$numberLong":"${v.getTime()}"}}`;
  if (typeof v === 'number' && Number.isNaN(v)) return '{"$numberDouble":"NaN"}';
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  if (v instanceof RegExp) return `{"$regularExpression":{"pattern":${JSON.stringify(v.source)},"options":""}}`;
  if (Array.isArray(v)) return `[${v.map(ejson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${ejson(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function value(depth: number): unknown {
  const r = rand();
  if (r < 0.5) return pick(OPERANDS);
  if (r < 0.55) return NaN;
  if (r < 0.58) return /x/;
  if (r < 0.85 && depth < 2) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
  if (depth < 2) return { a: value(depth + 1) };
  return pick(OPERANDS);
}

function document(): Record<string, unknown> {
  // Built as the engine builds documents: decoded from EJSON text (own `__proto__` keys included).
  const parts: string[] = [];
  for (const f of FIELDS) {
    if (rand() < 0.3) continue;
    parts.push(`${JSON.stringify(f)}:${ejson(value(0))}`);
  }
  return decodeText(`{${parts.join(',')}}`) as Record<string, unknown>;
}

const OPERATORS = ['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte'] as const;

function condition(): unknown {
  if (rand() < 0.25) return pick(OPERANDS);
  const cond: Record<string, unknown> = {};
  const n = 1 + Math.floor(rand() * 2.5);
  for (let i = 0; i < n; i++) {
    const op = pick(OPERATORS);
    cond[op] =
      op === '$in' || op === '$nin'
        ? Array.from({ length: Math.floor(rand() * 4) }, () => pick(OPERANDS))
        : // ranges on null are mingo's own business (not covered): keep them rare
          op.startsWith('$g') || op.startsWith('$l')
          ? pick(OPERANDS.filter((o) => o !== null))
          : pick(OPERANDS);
  }
  return cond;
}

function query(depth = 0): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    if (depth < 2 && rand() < 0.15) {
      q[pick(['$and', '$or'])] = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => query(depth + 1));
    } else {
      q[pick(QUERY_FIELDS)] = condition();
    }
  }
  return q;
}

test('every query the native matcher accepts matches exactly the documents mingo matches', () => {
  const docs = Array.from({ length: 300 }, document);
  let covered = 0;
  let matched = 0;
  let tested = 0;
  for (let i = 0; i < 1500; i++) {
    const q = query();
    const ours = nativeMatcher(q);
    if (!ours) continue;
    covered++;
    const theirs = new Query(q);
    for (const doc of docs) {
      const expected = theirs.test(doc);
      tested++;
      if (ours(doc) !== expected) {
        throw new Error(`${ejson(q)} on ${ejson(doc)}: mingo ${expected}`);
      }
      if (expected) matched++;
    }
  }
  // Every generated query is of a covered shape, and both outcomes occur often.
  expect(covered).toBe(1500);
  expect(matched).toBeGreaterThan(5000);
  expect(matched).toBeLessThan(tested - 5000);
});

test('queries outside the covered shapes are left to mingo, with the same results through compileMatcher', () => {
  const uncovered: Array<Record<string, unknown>> = [
    { a: /x/ },
    { a: { $in: [/x/, 1] } },
    { a: NaN },
    { a: { $gt: null } },
    { a: { $exists: true } },
    { 'a.a': 1 },
    { a: { a: 1 } },
    { a: [1, 2] },
    { $and: [] },
    { $or: [] },
    { $nor: [{ a: 1 }] },
    { a: { $gt: 1, a: 1 } },
    { a: {} },
  ];
  const docs = Array.from({ length: 300 }, document);
  for (const q of uncovered) {
    expect(nativeMatcher(q)).toBeUndefined();
    let ours: ((doc: Record<string, unknown>) => boolean) | undefined;
    let theirs: Query | undefined;
    let ourError: unknown;
    let theirError: unknown;
    try {
      ours = compileMatcher(q);
    } catch (e) {
      ourError = e;
    }
    try {
      theirs = new Query(q);
    } catch (e) {
      theirError = e;
    }
    expect(ourError === undefined).toBe(theirError === undefined);
    if (ours && theirs) for (const doc of docs) expect(ours(doc)).toBe(theirs.test(doc));
  }
});

test('a query on a field named __proto__ is left to mingo and answered as mingo answers it', () => {
  const q = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
  expect(nativeMatcher(q)).toBeUndefined();
  const docs = [{ a: 1 }, JSON.parse('{"__proto__": 1}') as Record<string, unknown>, {}];
  expect(docs.map((d) => compileMatcher(q)(d))).toEqual(docs.map((d) => new Query(q).test(d)));
});
