/**
 * Property test: the engine's matcher for queries of top-level scalar equalities (matched without
 * mingo, emulator/db/query-exec.ts) agrees with mingo on random documents of mixed types —
 * arrays, nested arrays and objects, null, missing fields, dates, numbers that look alike,
 * inherited property names.
 */
import { Query } from 'mingo';
import { decodeText } from '../../emulator/db/ejson-codec';
import { compileMatcher } from '../../emulator/db/query-exec';
import { seeded } from './random';

const { rand, pick } = seeded(20261206);

const FIELDS = ['a', 'b', 'state', 'constructor', 'toString', '__proto__'] as const;
const SCALARS: readonly (string | number | boolean)[] = [0, -0, 1, 1.5, -1, '1', '', 'x', 'y', true, false];

function value(depth: number): unknown {
  const r = rand();
  if (r < 0.55) return pick(SCALARS);
  if (r < 0.62) return null;
  if (r < 0.68) return new Date(Date.UTC(2026, 0, 1 + Math.floor(rand() * 3)));
  if (r < 0.9 && depth < 2) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
  if (depth < 2) return { a: value(depth + 1) };
  return pick(SCALARS);
}

function document(): Record<string, unknown> {
  // Built as the engine builds documents: decoded from JSON text (own `__proto__` keys included).
  const parts: string[] = [];
  for (const f of FIELDS) {
    if (rand() < 0.35) continue;
    const v = value(0);
    parts.push(`${JSON.stringify(f)}:${JSON.stringify(v instanceof Date ? { $date: v.toISOString() } : v)}`);
  }
  return decodeText(`{${parts.join(',')}}`) as Record<string, unknown>;
}

function query(): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) q[pick(FIELDS.filter((f) => f !== '__proto__'))] = pick(SCALARS);
  return q;
}

test('a query of top-level scalar equalities matches exactly the documents mingo matches', () => {
  const docs = Array.from({ length: 300 }, document);
  let matched = 0;
  for (let i = 0; i < 400; i++) {
    const q = query();
    const ours = compileMatcher(q);
    const theirs = new Query(q);
    for (const doc of docs) {
      const expected = theirs.test(doc);
      if (ours(doc) !== expected) throw new Error(`${JSON.stringify(q)} on ${JSON.stringify(doc)}: mingo ${expected}`);
      if (expected) matched++;
    }
  }
  // The documents and queries are varied enough that both outcomes occur often.
  expect(matched).toBeGreaterThan(1000);
  expect(matched).toBeLessThan(400 * 300 - 1000);
});
