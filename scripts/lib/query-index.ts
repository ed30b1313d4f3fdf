/**
 * Query shapes and the indexes that serve them. A shape is what an index choice depends on: the
 * collection, the fields compared with one value or a list (`equals`: a value, `$eq`, `$in`),
 * the fields compared with a range (`ranges`: `$gt`, `$gte`, `$lt`, `$lte`), the fields filtered
 * otherwise (`others`: `$ne`, `$exists`, `$elemMatch`…, which an index prefix does not serve)
 * and the sort. database/queries.json lists the shapes the timers and the hot actions send
 * (tests/deploy/queries.test.ts records them from the emulator), and `npm run check:deploy`
 * asks of each that database/collections.json has an index covering it.
 *
 * "Covering" here is the rule a document database needs to answer without a collection scan or
 * an in-memory sort: the index's first key is a filter field of the query (or, for a query
 * without filter fields, its first sort field); and when the query sorts, the index continues,
 * after keys the query fixes by equality, with the sort fields in order, all in the sort's
 * directions or all reversed. A trailing `_id` in the sort (a tie-breaker) is ignored, and a
 * query on `_id` is served by the primary key.
 */
import { isPlainObject, type Doc } from '../../emulator/db/ejson-codec';

export type Order = 1 | -1;

export interface QueryShape {
  collection: string;
  equals: string[];
  ranges: string[];
  others: string[];
  sort: Array<{ field: string; order: Order }>;
  /** Where the query is sent from: `area.action` or `area/trigger` (informational). */
  from: string[];
}

export interface IndexSpec {
  name: string;
  unique?: boolean;
  keys: Array<{ field: string; order: Order }>;
}

const EQUALITY_OPS = new Set(['$eq', '$in']);
const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

function classify(cond: unknown): 'equals' | 'ranges' | 'others' {
  if (Array.isArray(cond)) return 'others';
  if (!isPlainObject(cond)) return 'equals';
  const ops = Object.keys(cond);
  if (ops.length === 0 || ops.every((k) => !k.startsWith('$'))) return 'equals';
  if (ops.every((k) => EQUALITY_OPS.has(k))) return 'equals';
  if (ops.every((k) => RANGE_OPS.has(k) || k === '$eq')) return 'ranges';
  return 'others';
}

type Conjunct = Array<[string, unknown]>;

/** The filter as alternatives (its `$or`s multiplied out), each a list of field conditions. */
function alternatives(filter: Doc): Conjunct[] {
  let result: Conjunct[] = [[]];
  for (const [key, value] of Object.entries(filter)) {
    let options: Conjunct[];
    if (key === '$and' && Array.isArray(value)) {
      options = [[]];
      for (const sub of value) {
        if (!isPlainObject(sub)) continue;
        const subs = alternatives(sub);
        options = options.flatMap((o) => subs.map((s) => [...o, ...s]));
      }
    } else if (key === '$or' && Array.isArray(value)) {
      options = value.filter(isPlainObject).flatMap((sub) => alternatives(sub));
      if (options.length === 0) continue;
    } else if (key.startsWith('$')) {
      continue;
    } else {
      options = [[[key, value]]];
    }
    result = result.flatMap((r) => options.map((o) => [...r, ...o]));
  }
  return result;
}

/** The shapes of one query (one per `$or` alternative). */
export function shapesOf(
  collection: string,
  filter: Doc,
  sort: Array<{ field: string; order: Order }>,
  from: string,
): QueryShape[] {
  return alternatives(filter).map((conjuncts) => {
    const sets = { equals: new Set<string>(), ranges: new Set<string>(), others: new Set<string>() };
    for (const [field, cond] of conjuncts) sets[classify(cond)].add(field);
    for (const f of sets.equals) sets.ranges.delete(f);
    for (const f of [...sets.equals, ...sets.ranges]) sets.others.delete(f);
    return {
      collection,
      equals: [...sets.equals].sort(),
      ranges: [...sets.ranges].sort(),
      others: [...sets.others].sort(),
      sort,
      from: [from],
    };
  });
}

/** The identity of a shape, without where it comes from. */
export function shapeKey(q: QueryShape): string {
  return JSON.stringify([q.collection, q.equals, q.ranges, q.others, q.sort]);
}

/** Shapes merged by identity (their `from` lists united), in a stable order. */
export function mergeShapes(shapes: QueryShape[]): QueryShape[] {
  const byKey = new Map<string, QueryShape>();
  for (const s of shapes) {
    const key = shapeKey(s);
    const seen = byKey.get(key);
    if (seen) seen.from = [...new Set([...seen.from, ...s.from])].sort();
    else byKey.set(key, { ...s, from: [...new Set(s.from)].sort() });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

function servesSort(keys: IndexSpec['keys'], equals: readonly string[], sort: QueryShape['sort']): boolean {
  if (sort.length === 0) return true;
  const sortFields = new Set(sort.map((s) => s.field));
  let j = 0;
  while (j < keys.length && equals.includes(keys[j]!.field) && !sortFields.has(keys[j]!.field)) j++;
  if (keys.length - j < sort.length) return false;
  const same = sort.every((s, i) => keys[j + i]!.field === s.field && keys[j + i]!.order === s.order);
  const reversed = sort.every((s, i) => keys[j + i]!.field === s.field && keys[j + i]!.order === -s.order);
  return same || reversed;
}

/** The name of an index that covers the query (`_id` for the primary key), or null. */
export function coveringIndex(q: QueryShape, indexes: readonly IndexSpec[]): string | null {
  if (q.equals.includes('_id')) return '_id';
  const sort = [...q.sort];
  while (sort.length > 0 && sort[sort.length - 1]!.field === '_id') sort.pop();
  const filterFields = [...q.equals, ...q.ranges];
  if (filterFields.length === 0 && sort.length === 0) return '_id';
  for (const ix of indexes) {
    const first = ix.keys[0]?.field;
    if (!first) continue;
    const leads = filterFields.length > 0 ? filterFields.includes(first) : sort[0]?.field === first;
    if (leads && servesSort(ix.keys, q.equals, sort)) return ix.name;
  }
  if (q.ranges.includes('_id') && sort.length === 0) return '_id';
  return null;
}

const orderName = { zh: { 1: '升序', [-1]: '降序' }, en: { 1: 'ascending', [-1]: 'descending' } } as const;

/** The query in words, for a gap message. */
export function describeShape(q: QueryShape): { zh: string; en: string } {
  const fields = [...q.equals, ...q.ranges.map((f) => `${f} (range)`), ...q.others.map((f) => `${f} (other)`)];
  const zhFields = [...q.equals, ...q.ranges.map((f) => `${f}（范围）`), ...q.others.map((f) => `${f}（其他）`)];
  const zhSort = q.sort.map((s) => `${s.field} ${orderName.zh[s.order]}`).join('、');
  const enSort = q.sort.map((s) => `${s.field} ${orderName.en[s.order]}`).join(', ');
  return {
    zh: `集合 ${q.collection} 的查询（条件：${zhFields.join('、') || '无'}；排序：${zhSort || '无'}；来自 ${q.from.join('、')}）`,
    en: `the query on ${q.collection} (filter: ${fields.join(', ') || 'none'}; sort: ${enSort || 'none'}; from ${q.from.join(', ')})`,
  };
}
