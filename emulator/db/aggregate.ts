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
 *  - any other $lookup (with `let`) reads the whole foreign collection;
 *  - a pipeline of a leading $match, $limit and such $lookups only (how an action reads a
 *    document with the documents it owns, e.g. the caller with their roles) runs on the same
 *    path as a find — planner, matcher, limit — without building a mingo Aggregator;
 *  - $lookup on an unknown collection joins nothing (empty array), like MongoDB.
 */
import { Aggregator } from 'mingo';
import { decodeDoc, isPlainObject, type Doc } from './ejson-codec';
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

/** [$match][$limit] $lookup… with scalar-or-array top-level fields, or undefined. */
function fastPath(pipeline: Doc[]): { match: Doc; limit: number; lookups: SimpleLookup[] } | undefined {
  let i = 0;
  let match: Doc = {};
  let limit = Infinity;
  if (pipeline[i] && isPlainObject(pipeline[i]!['$match']) && Object.keys(pipeline[i]!).length === 1) {
    match = pipeline[i]!['$match'] as Doc;
    i++;
  }
  const l = pipeline[i]?.['$limit'];
  if (typeof l === 'number' && Number.isInteger(l) && l > 0 && Object.keys(pipeline[i]!).length === 1) {
    limit = l;
    i++;
  }
  const lookups: SimpleLookup[] = [];
  for (; i < pipeline.length; i++) {
    const lookup = simpleLookup(pipeline[i]!);
    if (!lookup) return undefined;
    lookups.push(lookup);
  }
  return lookups.length > 0 ? { match, limit, lookups } : undefined;
}

const scalarKey = (v: unknown) => (v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function runFast(
  storage: Storage,
  coll: string,
  p: { match: Doc; limit: number; lookups: SimpleLookup[] },
): Doc[] | undefined {
  const c = storage.require(coll);
  const docs = mingoCall(() =>
    findCommitted(c, p.match, compileMatcher(p.match), { sort: [], skip: 0, limit: p.limit }).map((item) => item.doc),
  );
  for (const l of p.lookups) {
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

export function aggregate(storage: Storage, coll: unknown, pipeline: Doc[]): Doc[] {
  const c = storage.require(coll);
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
