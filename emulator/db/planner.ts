/**
 * Query planner: pushes conjunctive equality / $in / range conditions on key columns (and _id)
 * and sorts on key columns down to SQLite.
 * Invariants:
 *  - the generated WHERE clause selects a SUPERSET of the documents matching the query: every
 *    candidate is re-checked with mingo by the executor, so a condition the planner cannot
 *    express exactly is simply not pushed;
 *  - rows with COMPLEX keys (arrays, objects, ...) are always kept as candidates for the
 *    conditions on that column;
 *  - `ordered` is true only when the SQL ORDER BY yields matching documents in the requested
 *    MongoDB order (sort columns without complex values), so the executor may stop early.
 */
import { isPlainObject, type Doc } from './ejson-codec';
import { classBounds, keyClass, scalarKey, type SqlKey } from './key-encoding';
import type { CollectionStore } from './storage';

/** The longest `$in` list pushed down to SQLite as `IN (…)` (one bound parameter each; a page of
 * ids, at most 1000, must still use the index). Longer lists fall back to a scan. */
const MAX_IN_PUSHDOWN = 1000;

export type SortSpec = Array<[string, 1 | -1]>;

export interface Plan {
  sql: string;
  params: SqlKey[];
  /** SQL yields rows in the requested sort order (or no sort was requested) */
  ordered: boolean;
  /** number of conditions pushed to SQL (for tests / diagnostics) */
  pushed: number;
}

function collectConjuncts(q: Doc, out: Array<[string, unknown]>): void {
  for (const k of Object.keys(q)) {
    const v = q[k];
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) collectConjuncts(sub, out);
    } else if (k.charCodeAt(0) !== 36) {
      out.push([k, v]);
    }
  }
}

const RANGE_OPS: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/*
 * Range bounds are written `+?`, not `?`. The unary plus changes no value (the key columns have
 * no affinity, so nothing is converted either way) and SQLite still uses them to bound an index
 * range; but a bare `?` in a range lets this SQLite build (STAT4) tie the plan to the bound
 * values, and such a statement was measured 2-3x slower on every run even with no statistics
 * (a user's overlapping sign-ups: 12 µs against 4.5 µs; docs/adr/0028).
 */

/** SQL terms (ANDed) implied by one field condition, or none when nothing is pushable. */
function termsFor(col: string, cond: unknown, params: SqlKey[]): string[] {
  const terms: string[] = [];
  const eq = scalarKey(cond);
  if (eq !== undefined) {
    params.push(eq);
    terms.push(`${col} = ?`);
    return terms;
  }
  if (!isPlainObject(cond)) return terms;
  const keys = Object.keys(cond);
  if (keys.length === 0 || keys.some((k) => k.charCodeAt(0) !== 36)) return terms;
  for (const op of keys) {
    const v = cond[op];
    if (op === '$eq') {
      const k = scalarKey(v);
      if (k !== undefined) {
        params.push(k);
        terms.push(`${col} = ?`);
      }
    } else if (op === '$in') {
      if (!Array.isArray(v) || v.length === 0 || v.length > MAX_IN_PUSHDOWN) continue;
      const ks = v.map(scalarKey);
      if (ks.some((k) => k === undefined)) continue;
      for (const k of ks) params.push(k as SqlKey);
      terms.push(`${col} IN (${ks.map(() => '?').join(', ')})`);
    } else if (op in RANGE_OPS) {
      const cls = keyClass(v);
      const k = scalarKey(v);
      if (cls === undefined || k === undefined) continue;
      const [lo, hi] = classBounds(cls);
      params.push(k);
      terms.push(`${col} ${RANGE_OPS[op] as string} +?`);
      if (op === '$gt' || op === '$gte') {
        if (hi !== null) {
          params.push(hi);
          terms.push(`${col} < +?`);
        }
      } else if (lo !== null) {
        params.push(lo);
        terms.push(`${col} >= +?`);
      }
    }
  }
  return terms;
}

function columnOf(c: CollectionStore, field: string): string | undefined {
  return field === '_id' ? 'id' : c.fieldCol.get(field);
}

export function plan(c: CollectionStore, query: Doc, sort: SortSpec): Plan {
  const conj: Array<[string, unknown]> = [];
  collectConjuncts(query, conj);
  const where: string[] = [];
  const params: SqlKey[] = [];
  let pushed = 0;
  for (const [field, cond] of conj) {
    const col = columnOf(c, field);
    if (!col) continue;
    const p: SqlKey[] = [];
    const terms = termsFor(col, cond, p);
    if (terms.length === 0) continue;
    pushed++;
    const body = terms.join(' AND ');
    if (col !== 'id' && c.hasComplex(col)) where.push(`((${body}) OR ${col} >= x'ff')`);
    else where.push(terms.length === 1 ? body : `(${body})`);
    params.push(...p);
  }
  let ordered = true;
  let orderBy = '';
  if (sort.length > 0) {
    const parts: string[] = [];
    for (const [field, dir] of sort) {
      const col = columnOf(c, field);
      if (!col || (col !== 'id' && c.hasComplex(col))) {
        ordered = false;
        break;
      }
      parts.push(`${col} ${dir === -1 ? 'DESC' : 'ASC'}`);
    }
    if (ordered) orderBy = ` ORDER BY ${parts.join(', ')}`;
  }
  const sql = `SELECT rid, doc FROM ${c.qtable}${where.length ? ' WHERE ' + where.join(' AND ') : ''}${orderBy}`;
  return { sql, params, ordered, pushed };
}
