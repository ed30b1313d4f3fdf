/**
 * Aggregation pipelines through mingo's Aggregator (all operators loaded by mingo's default
 * entry point), with $lookup resolving other collections of the same database.
 * Invariants:
 *  - a leading $match is used as a planner pre-filter (superset) and still executed by mingo;
 *  - a $lookup by `localField`/`foreignField` reads only the foreign documents whose field is
 *    one of the local values (through the planner, so an index serves it), not the whole
 *    collection: the pipeline runs in segments, each ending at such a $lookup;
 *  - an uncorrelated $lookup (a `pipeline` and no `let`) runs its pipeline once, as an
 *    aggregation of its own on the foreign collection (so its leading $match pre-filters and its
 *    own $lookups are served the same way), and joins that result to every document — how one
 *    request computes several figures (the dashboard's overview);
 *  - a correlated $lookup whose `let` names top-level fields and whose pipeline starts with
 *    `{ $match: { $expr: { $eq: ['$field', '$$var'] } } }` (the documented CloudBase form of a
 *    join restricted by further stages, e.g. a person's upcoming sign-ups, sorted and limited)
 *    runs, for each document whose variable is a string, number or boolean, its pipeline as an
 *    aggregation of its own with that `$match` replaced by the equality `{ field: value }` (merged
 *    into a following plain `$match`), so the planner serves it from an index; the foreign field
 *    is taken as scalar (a foreign array containing the value would also match, unlike `$expr`);
 *  - any other $lookup (with `let`) reads the whole foreign collection;
 *  - a pipeline of a leading $match, $limit and such $lookups only — and uncorrelated ones, and
 *    $addFields of a $concat of strings and top-level fields (a join key) — (how an action reads
 *    a document with the documents it owns, e.g. the caller with their roles and their sign-up)
 *    runs on the same path as a find — planner, matcher, limit — without building a mingo
 *    Aggregator;
 *  - a pipeline of a leading $match, a $sort on top-level fields and a $limit (the first
 *    documents of an index, e.g. an activity's waitlist heads) is a find: the planner serves the
 *    order, and only `limit` documents are read;
 *  - $lookup on an unknown collection joins nothing (empty array), like MongoDB.
 */
import { Aggregator } from 'mingo';
import { decodeDoc, isPlainObject, type Doc } from './ejson-codec';
import { invalidParam } from './errors';
import { plan } from './planner';
import { compileMatcher, findCommitted, mingoCall } from './query-exec';
import type { Row, Storage } from './storage';

function valuesAt(doc: Doc, path: string): unknown[] {
  let current: unknown[] = [doc];
  for (const key of path.split('.')) {
    current = current.flatMap((v) => {
      const next = isPlainObject(v) ? v[key] : undefined;
      return Array.isArray(next) ? (next as unknown[]) : next === undefined ? [] : [next];
    });
  }
  return current;
}

function readAll(storage: Storage, name: string, query: Doc): Doc[] {
  const c = storage.get(name);
  if (!c) return [];
  const p = plan(c, query, []);
  const docs: Doc[] = [];
  for (const row of c.prepare(p.sql).iterate(...p.params) as IterableIterator<Row>) docs.push(decodeDoc(row.doc));
  return docs;
}

interface SimpleLookup {
  from: string;
  localField: string;
  foreignField: string;
  as: string;
}

function simpleLookup(stage: Doc): SimpleLookup | undefined {
  const l = stage['$lookup'];
  if (!isPlainObject(l) || Object.keys(stage).length !== 1) return undefined;
  const keys = Object.keys(l).sort().join(',');
  if (keys !== 'as,foreignField,from,localField') return undefined;
  const { from, localField, foreignField, as } = l;
  if (typeof from !== 'string' || typeof localField !== 'string' || typeof foreignField !== 'string') return undefined;
  if (typeof as !== 'string' || as.includes('.') || localField.includes('.') || foreignField.includes('.'))
    return undefined;
  return { from, localField, foreignField, as };
}

/** `{ $addFields: { name: { $concat: [...] } } }` of string literals and top-level `$field`s. */
interface SimpleConcat {
  addConcat: Array<{ as: string; parts: Array<{ literal: string } | { field: string }> }>;
}

function simpleConcat(stage: Doc): SimpleConcat | undefined {
  const a = stage['$addFields'];
  if (!isPlainObject(a) || Object.keys(stage).length !== 1) return undefined;
  const out: SimpleConcat['addConcat'] = [];
  for (const [as, expr] of Object.entries(a)) {
    if (as.includes('.') || as.startsWith('$') || !isPlainObject(expr) || Object.keys(expr).join() !== '$concat') {
      return undefined;
    }
    const parts = expr['$concat'];
    if (!Array.isArray(parts) || !parts.every((x) => typeof x === 'string')) return undefined;
    const compiled: SimpleConcat['addConcat'][number]['parts'] = [];
    for (const part of parts as string[]) {
      if (!part.startsWith('$')) compiled.push({ literal: part });
      else if (/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(part)) compiled.push({ field: part.slice(1) });
      else return undefined;
    }
    out.push({ as, parts: compiled });
  }
  return { addConcat: out };
}

/** A `$lookup` with `let` of top-level fields whose pipeline opens with a `$expr` equality on one. */
interface CorrelatedLookup {
  from: string;
  as: string;
  /** The foreign field compared, and the local field its variable names. */
  field: string;
  localField: string;
  /** The pipeline after the `$expr` match. */
  rest: Doc[];
  correlated: true;
}

function correlated(stage: Doc): CorrelatedLookup | undefined {
  const l = stage['$lookup'];
  if (!isPlainObject(l) || Object.keys(stage).length !== 1) return undefined;
  if (Object.keys(l).sort().join(',') !== 'as,from,let,pipeline') return undefined;
  const { from, as, pipeline } = l;
  const vars = l['let'];
  if (typeof from !== 'string' || typeof as !== 'string' || as.includes('.') || !isPlainObject(vars)) return undefined;
  if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject) || pipeline.length === 0) return undefined;
  const first = pipeline[0] as Doc;
  const m = first['$match'];
  if (Object.keys(first).length !== 1 || !isPlainObject(m) || Object.keys(m).join() !== '$expr') return undefined;
  const expr = m['$expr'];
  if (!isPlainObject(expr) || Object.keys(expr).join() !== '$eq') return undefined;
  const pair = expr['$eq'];
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((x) => typeof x === 'string')) return undefined;
  const [a, b] = pair as [string, string];
  const fieldRef = a.startsWith('$$') ? b : a;
  const varRef = a.startsWith('$$') ? a : b;
  if (!/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(fieldRef) || !/^\$\$[A-Za-z_][A-Za-z0-9_]*$/.test(varRef)) return undefined;
  const local = vars[varRef.slice(2)];
  if (typeof local !== 'string' || !/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(local)) return undefined;
  return {
    from,
    as,
    field: fieldRef.slice(1),
    localField: local.slice(1),
    rest: pipeline.slice(1) as Doc[],
    correlated: true,
  };
}

/** The pipeline of a correlated lookup for one local value: the `$expr` match made an equality. */
function substituted(l: CorrelatedLookup, value: unknown): Doc[] {
  const next = l.rest[0];
  const m = next?.['$match'];
  if (next && Object.keys(next).length === 1 && isPlainObject(m) && !(l.field in m)) {
    return [{ $match: { [l.field]: value, ...m } }, ...l.rest.slice(1)];
  }
  return [{ $match: { [l.field]: value } }, ...l.rest];
}

type FastStage =
  SimpleLookup | SimpleConcat | CorrelatedLookup | { from: string; pipeline: Doc[]; as: string; uncorrelated: true };

/** A `$sort` stage on top-level fields, as the planner takes it, or undefined. */
function sortOf(stage: Doc | undefined): Array<[string, 1 | -1]> | undefined {
  const spec = stage?.['$sort'];
  if (!stage || !isPlainObject(spec) || Object.keys(stage).length !== 1) return undefined;
  const sort: Array<[string, 1 | -1]> = [];
  for (const [field, dir] of Object.entries(spec)) {
    if (field.includes('.') || field.startsWith('$') || (dir !== 1 && dir !== -1)) return undefined;
    sort.push([field, dir]);
  }
  return sort.length > 0 ? sort : undefined;
}

/**
 * [$match][$sort][$limit] then $lookup by field, uncorrelated $lookup and $addFields of a $concat
 * of strings and top-level fields — with scalar-or-array top-level fields — or undefined. (The
 * sort is on top-level fields and served by the planner, e.g. a page of a member's ledger with
 * each entry's reversal joined.)
 */
function fastPath(
  pipeline: Doc[],
): { match: Doc; sort: Array<[string, 1 | -1]>; limit: number; lookups: FastStage[] } | undefined {
  let i = 0;
  let match: Doc = {};
  let sort: Array<[string, 1 | -1]> = [];
  let limit = Infinity;
  if (pipeline[i] && isPlainObject(pipeline[i]!['$match']) && Object.keys(pipeline[i]!).length === 1) {
    match = pipeline[i]!['$match'] as Doc;
    i++;
  }
  const sorted = sortOf(pipeline[i]);
  if (sorted) {
    sort = sorted;
    i++;
  }
  const l = pipeline[i]?.['$limit'];
  if (typeof l === 'number' && Number.isInteger(l) && l > 0 && Object.keys(pipeline[i]!).length === 1) {
    limit = l;
    i++;
  }
  const lookups: FastStage[] = [];
  for (; i < pipeline.length; i++) {
    const sub = uncorrelated(pipeline[i]!);
    const stage =
      simpleLookup(pipeline[i]!) ??
      simpleConcat(pipeline[i]!) ??
      (sub && { ...sub, uncorrelated: true as const }) ??
      correlated(pipeline[i]!);
    if (!stage) return undefined;
    lookups.push(stage);
  }
  return lookups.length > 0 ? { match, sort, limit, lookups } : undefined;
}

/** [$match][$sort][$limit] with a sort on top-level fields: a find (the planner serves the order), or undefined. */
function findPath(pipeline: Doc[]): { match: Doc; sort: Array<[string, 1 | -1]>; limit: number } | undefined {
  let i = 0;
  let match: Doc = {};
  if (pipeline[i] && isPlainObject(pipeline[i]!['$match']) && Object.keys(pipeline[i]!).length === 1) {
    match = pipeline[i]!['$match'] as Doc;
    i++;
  }
  const sort = sortOf(pipeline[i]);
  if (!sort) return undefined;
  i++;
  const l = pipeline[i]?.['$limit'];
  if (typeof l !== 'number' || !Number.isInteger(l) || l <= 0 || Object.keys(pipeline[i]!).length !== 1)
    return undefined;
  return i + 1 === pipeline.length ? { match, sort, limit: l } : undefined;
}

const scalarKey = (v: unknown) => (v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function runFast(
  storage: Storage,
  coll: string,
  p: { match: Doc; sort: Array<[string, 1 | -1]>; limit: number; lookups: FastStage[] },
): Doc[] | undefined {
  const c = storage.require(coll);
  const docs = mingoCall(() =>
    findCommitted(c, p.match, compileMatcher(p.match), { sort: p.sort, skip: 0, limit: p.limit }).map(
      (item) => item.doc,
    ),
  );
  for (const l of p.lookups) {
    if ('addConcat' in l) {
      for (const d of docs) {
        for (const { as, parts } of l.addConcat) {
          const values = parts.map((x) => ('literal' in x ? x.literal : d[x.field]));
          // Only strings here ($concat of a missing or null field is null; of others, an error).
          if (!values.every((v) => typeof v === 'string')) return undefined;
          d[as] = values.join('');
        }
      }
      continue;
    }
    if ('correlated' in l) {
      // Only plain scalar variables here; anything else takes the general path.
      if (!docs.every((d) => isScalar(d[l.localField]))) return undefined;
      for (const d of docs) {
        d[l.as] = storage.get(l.from) ? aggregate(storage, l.from, substituted(l, d[l.localField])) : [];
      }
      continue;
    }
    if ('uncorrelated' in l) {
      const result = storage.get(l.from) ? aggregate(storage, l.from, l.pipeline) : [];
      for (const d of docs) d[l.as] = result.map((r) => ({ ...r }));
      continue;
    }
    const values = docs.map((d) => d[l.localField]);
    // Only plain scalar keys here: arrays, null, missing fields and objects take the general path.
    if (!values.every(isScalar)) return undefined;
    const foreign = readAll(storage, l.from, { [l.foreignField]: { $in: [...new Set(values)] } });
    const byKey = new Map<string, Doc[]>();
    for (const f of foreign) {
      const v = f[l.foreignField];
      // A foreign array matches each of its elements, as in MongoDB.
      const keys = new Set((Array.isArray(v) ? (v as unknown[]) : [v]).filter(isScalar).map(scalarKey));
      for (const key of keys) {
        // Appended in place: copying the list per document made a join of n documents on one key O(n²).
        const list = byKey.get(key);
        if (list) list.push(f);
        else byKey.set(key, [f]);
      }
    }
    for (const d of docs) d[l.as] = byKey.get(scalarKey(d[l.localField])) ?? [];
  }
  return docs;
}

/** A `$lookup` with a `pipeline`, no `let` and no local/foreign field, into a top-level field. */
function uncorrelated(stage: Doc): { from: string; pipeline: Doc[]; as: string } | undefined {
  const l = stage['$lookup'];
  if (!isPlainObject(l) || Object.keys(stage).length !== 1) return undefined;
  const { from, pipeline, as } = l;
  if (Object.keys(l).sort().join(',') !== 'as,from,pipeline') return undefined;
  if (typeof from !== 'string' || typeof as !== 'string' || as.includes('.') || !Array.isArray(pipeline))
    return undefined;
  if (!pipeline.every(isPlainObject)) return undefined;
  return { from, pipeline: pipeline as Doc[], as };
}

/**
 * CloudBase documents two forms of `$lookup` (node SDK, Aggregate.lookup): an equality match
 * (`from`, `localField`, `foreignField`, `as`) or a sub-pipeline (`from`, optional `let`,
 * `pipeline`, `as`) — not MongoDB 5's mix of both. The emulator refuses the others, so code that
 * runs here runs there.
 */
function checkLookups(pipeline: readonly Doc[]): void {
  for (const stage of pipeline) {
    const lookup = stage['$lookup'];
    if (!isPlainObject(lookup)) continue;
    const keys = Object.keys(lookup).sort().join(',');
    if (keys === 'as,foreignField,from,localField') continue;
    if ((keys === 'as,from,pipeline' || keys === 'as,from,let,pipeline') && Array.isArray(lookup['pipeline'])) {
      checkLookups((lookup['pipeline'] as unknown[]).filter(isPlainObject));
      continue;
    }
    throw invalidParam(`$lookup takes localField/foreignField or let/pipeline, not: ${keys}`);
  }
}

export function aggregate(storage: Storage, coll: unknown, pipeline: Doc[]): Doc[] {
  const c = storage.require(coll);
  checkLookups(pipeline);
  const find = findPath(pipeline);
  if (find) {
    return mingoCall(() =>
      findCommitted(c, find.match, compileMatcher(find.match), { sort: find.sort, skip: 0, limit: find.limit }).map(
        (item) => item.doc,
      ),
    );
  }
  const fast = fastPath(pipeline);
  if (fast) {
    const out = runFast(storage, c.name, fast);
    if (out) return out;
  }
  const first = pipeline[0];
  const match = first && isPlainObject(first['$match']) ? first['$match'] : {};
  let docs = readAll(storage, c.name, match);
  let segment: Doc[] = [];
  const run = (stages: Doc[], resolver: (name: string) => Doc[]) =>
    stages.length === 0
      ? docs
      : mingoCall(() => new Aggregator(stages, { collectionResolver: resolver }).run(docs) as Doc[]);
  const everything = (name: string) => readAll(storage, name, {});
  for (const stage of pipeline) {
    const lookup = stage['$lookup'];
    const sub = uncorrelated(stage);
    if (sub) {
      docs = run(segment, everything);
      segment = [];
      const result = storage.get(sub.from) ? aggregate(storage, sub.from, sub.pipeline) : [];
      docs = docs.map((d) => ({ ...d, [sub.as]: result.map((r) => ({ ...r })) }));
      continue;
    }
    if (
      isPlainObject(lookup) &&
      typeof lookup['from'] === 'string' &&
      typeof lookup['localField'] === 'string' &&
      typeof lookup['foreignField'] === 'string'
    ) {
      docs = run(segment, everything);
      segment = [];
      const local = lookup['localField'];
      const values = [...new Set(docs.flatMap((d) => valuesAt(d, local)))];
      const foreign = readAll(storage, lookup['from'], { [lookup['foreignField']]: { $in: values } });
      docs = run([stage], () => foreign);
      // mingo joins an array `localField` element by element, with nothing (undefined) for an element that
      // matches nothing (and a document twice for two elements); MongoDB joins each matching
      // foreign document once.
      const as = lookup['as'];
      if (typeof as === 'string' && !as.includes('.')) {
        for (const d of docs) {
          if (Array.isArray(d[as]))
            d[as] = [...new Set((d[as] as unknown[]).filter((x) => x !== null && x !== undefined))];
        }
      }
      continue;
    }
    segment.push(stage);
  }
  return run(segment, everything);
}
