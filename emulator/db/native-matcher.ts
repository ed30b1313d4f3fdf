/**
 * The engine's own matcher for the common query shapes, built without mingo (building a mingo
 * `Query` for every request was the largest part of the engine's time in the sign-up burst; see
 * docs/adr/0028). It covers top-level fields (no dotted path) with
 *  - a scalar (equality), or an object of `$eq`, `$ne`, `$in`, `$nin`, `$gt`, `$gte`, `$lt`,
 *    `$lte` (all of them apply, each on its own),
 *  - and `$and` / `$or` of non-empty lists of such queries;
 * operands are strings, numbers (not NaN), booleans, valid dates and, for `$eq`, `$ne`, `$in` and
 * `$nin`, null. `nativeMatcher` returns undefined for anything else (regular expressions, dotted
 * paths, `$exists`, `$elemMatch`, objects or arrays as operands, …), and the caller uses mingo.
 *
 * Invariant: for every query it accepts, the matcher returns exactly what mingo's `Query.test`
 * returns, on every document the engine can hold (decoded EJSON: primitives, NaN, null, arrays,
 * objects, dates, regular expressions) — the semantics are mingo's, read off its predicates:
 *  - a field is the document's own property (an inherited name such as `constructor` is missing);
 *  - equality: the value equals the operand, or is an array with an element that does (one level;
 *    dates by time; null also matches a missing field, but in an array only a null element);
 *  - `$in`: a missing or null value matches when the list holds null; otherwise the value, or
 *    one element of an array value, equals one of the list (dates by time);
 *  - `$ne` / `$nin` are the negations of equality / `$in`;
 *  - a range compares the value, or each element of an array value, of the operand's own type
 *    only (numbers with numbers — NaN included, for which every comparison is "equal" —, strings
 *    by UTF-16 code units, booleans, dates by time), and matches when one of them satisfies it.
 * tests/emulator/native-matcher.test.ts checks the invariant against mingo on generated queries
 * and documents.
 */
import { isPlainObject, type Doc } from './ejson-codec';

export type Predicate = (doc: Doc) => boolean;

/** A value test on one field's value (undefined when the field is missing). */
type ValueTest = (x: unknown) => boolean;

type Operand = string | number | boolean | Date | null;

const hasOwn = Object.prototype.hasOwnProperty;

function isOperand(v: unknown, allowNull: boolean): v is Operand {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return !Number.isNaN(v);
    default:
      if (v === null) return allowNull;
      return v instanceof Date && !Number.isNaN(v.getTime());
  }
}

function equality(b: Operand): ValueTest {
  if (b instanceof Date) {
    const t = b.getTime();
    const one = (x: unknown) => x instanceof Date && x.getTime() === t;
    return (x) => one(x) || (Array.isArray(x) && x.some(one));
  }
  if (b === null) return (x) => x === null || x === undefined || (Array.isArray(x) && x.includes(null));
  return (x) => x === b || (Array.isArray(x) && x.includes(b));
}

function membership(list: readonly Operand[]): ValueTest {
  const primitives = new Set<unknown>();
  const times = new Set<number>();
  for (const b of list) {
    if (b instanceof Date) times.add(b.getTime());
    else primitives.add(b);
  }
  const holdsNull = primitives.has(null);
  const one = (v: unknown) => primitives.has(v) || (v instanceof Date && times.has(v.getTime()));
  return (x) => {
    if (x === null || x === undefined) return holdsNull;
    return Array.isArray(x) ? x.some(one) : one(x);
  };
}

/** mingo's compare(): same type as the operand, then a < b ? -1 : a > b ? 1 : 0. */
function range(op: string, b: Exclude<Operand, null>): ValueTest {
  const accept =
    op === '$gt'
      ? (c: number) => c > 0
      : op === '$gte'
        ? (c: number) => c >= 0
        : op === '$lt'
          ? (c: number) => c < 0
          : (c: number) => c <= 0;
  let one: (v: unknown) => boolean;
  if (b instanceof Date) {
    const t = b.getTime();
    one = (v) => {
      if (!(v instanceof Date)) return false;
      const a = v.getTime();
      return accept(a < t ? -1 : a > t ? 1 : 0);
    };
  } else {
    const type = typeof b;
    one = (v) => typeof v === type && accept((v as typeof b) < b ? -1 : (v as typeof b) > b ? 1 : 0);
  }
  return (x) => (Array.isArray(x) ? x.some(one) : one(x));
}

function operatorTest(op: string, operand: unknown): ValueTest | undefined {
  switch (op) {
    case '$eq':
    case '$ne': {
      if (!isOperand(operand, true)) return undefined;
      const eq = equality(operand);
      return op === '$eq' ? eq : (x) => !eq(x);
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand) || !operand.every((b) => isOperand(b, true))) return undefined;
      const member = membership(operand as Operand[]);
      return op === '$in' ? member : (x) => !member(x);
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      if (!isOperand(operand, false) || operand === null) return undefined;
      return range(op, operand);
    default:
      return undefined;
  }
}

/** The test of one field's condition, or undefined when it is not a covered shape. */
function conditionTest(cond: unknown): ValueTest | undefined {
  if (isOperand(cond, true)) return equality(cond);
  if (!isPlainObject(cond)) return undefined;
  const ops = Object.keys(cond);
  if (ops.length === 0) return undefined;
  const tests: ValueTest[] = [];
  for (const op of ops) {
    const t = operatorTest(op, cond[op]);
    if (!t) return undefined;
    tests.push(t);
  }
  if (tests.length === 1) return tests[0];
  return (x) => {
    for (const t of tests) if (!t(x)) return false;
    return true;
  };
}

function listOf(v: unknown): Predicate[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out: Predicate[] = [];
  for (const sub of v) {
    const p = isPlainObject(sub) ? nativeMatcher(sub) : undefined;
    if (!p) return undefined;
    out.push(p);
  }
  return out;
}

/** A matcher with mingo's semantics for a covered query, or undefined (use mingo). */
export function nativeMatcher(query: Doc): Predicate | undefined {
  const parts: Predicate[] = [];
  for (const k of Object.keys(query)) {
    if (k === '$and' || k === '$or') {
      const subs = listOf(query[k]);
      if (!subs) return undefined;
      parts.push(
        k === '$and'
          ? (doc) => {
              for (const p of subs) if (!p(doc)) return false;
              return true;
            }
          : (doc) => {
              for (const p of subs) if (p(doc)) return true;
              return false;
            },
      );
      continue;
    }
    if (k.length === 0 || k.charCodeAt(0) === 36 /* $ */ || k.includes('.') || k === '__proto__') return undefined;
    const test = conditionTest(query[k]);
    if (!test) return undefined;
    parts.push((doc) => test(hasOwn.call(doc, k) ? doc[k] : undefined));
  }
  if (parts.length === 1) return parts[0];
  return (doc) => {
    for (const p of parts) if (!p(doc)) return false;
    return true;
  };
}
