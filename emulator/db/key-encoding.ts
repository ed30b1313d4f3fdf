/**
 * Encoding of field values into SQLite index-key columns.
 * Invariants:
 *  - SQLite's native ordering of encoded keys (NULL < numbers < TEXT < BLOB) matches
 *    MongoDB's type bracketing for the scalar types we push down:
 *    null/missing < number < string < boolean (blob 0x08..) < date (blob 0x09..);
 *  - equal scalars encode to equal keys, and order within a type is preserved
 *    (dates as 8 sortable big-endian bytes of their epoch milliseconds);
 *  - any value whose matching semantics a scalar key cannot express (arrays, objects, regexes,
 *    NaN, paths that traverse an array) gets a COMPLEX key: a blob starting with 0xFF, unique
 *    per document, which sorts after everything else. The planner must always keep complex
 *    rows as candidates.
 */
import { isPlainObject, type Doc } from './ejson-codec';

export type SqlKey = null | number | string | Buffer;

export const TYPE_BOOL = 0x08;
export const TYPE_DATE = 0x09;
export const TYPE_COMPLEX = 0xff;

export const COMPLEX_MIN: Buffer = Buffer.from([TYPE_COMPLEX]);

function dateKey(ms: number): Buffer {
  const b = Buffer.alloc(9);
  b[0] = TYPE_DATE;
  b.writeDoubleBE(ms, 1);
  if ((b[1] as number) & 0x80) {
    for (let i = 1; i < 9; i++) b[i] = ~(b[i] as number) & 0xff;
  } else {
    b[1] = (b[1] as number) | 0x80;
  }
  return b;
}

/** Key of a scalar query/document value, or undefined when it is not a pushable scalar. */
export function scalarKey(v: unknown): SqlKey | undefined {
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? undefined : v;
    case 'string':
      return v;
    case 'boolean':
      return Buffer.from([TYPE_BOOL, v ? 1 : 0]);
    default:
      if (v instanceof Date) {
        const t = v.getTime();
        return Number.isNaN(t) ? undefined : dateKey(t);
      }
      return undefined;
  }
}

/** Type class of a scalar key, used for range bounds. */
export type KeyClass = 'number' | 'string' | 'bool' | 'date';

export function keyClass(v: unknown): KeyClass | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Date && !Number.isNaN(v.getTime())) return 'date';
  return undefined;
}

/** [lower bound inclusive or null, upper bound exclusive or null] covering one type class. */
export function classBounds(c: KeyClass): [SqlKey | null, SqlKey | null] {
  switch (c) {
    case 'number':
      return [null, ''];
    case 'string':
      return ['', Buffer.alloc(0)];
    case 'bool':
      return [Buffer.from([TYPE_BOOL]), Buffer.from([TYPE_DATE])];
    case 'date':
      return [Buffer.from([TYPE_DATE]), Buffer.from([TYPE_DATE + 1])];
  }
}

export function complexMarker(id: unknown): Buffer {
  const tag = typeof id === 'number' ? 'n' : 's';
  return Buffer.concat([COMPLEX_MIN, Buffer.from(tag + String(id), 'utf8')]);
}

/** Key of the value at `path` in `doc` (missing → NULL, non-scalar or through-array → complex). */
export function docFieldKey(doc: Doc, path: readonly string[], id: unknown): SqlKey {
  let cur: unknown = doc;
  for (const seg of path) {
    if (Array.isArray(cur)) return complexMarker(id);
    if (!isPlainObject(cur)) return null;
    cur = cur[seg];
  }
  if (cur === undefined || cur === null) return null;
  const k = scalarKey(cur);
  return k === undefined ? complexMarker(id) : k;
}

/** Key of a document _id (string or finite number). */
export function idKey(id: unknown): string | number | undefined {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  return undefined;
}
