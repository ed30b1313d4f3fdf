/**
 * Aggregation pipelines through mingo's Aggregator (all operators loaded by mingo's default
 * entry point), with $lookup resolving other collections of the same database.
 * Invariants:
 *  - a leading $match is used as a planner pre-filter (superset) and still executed by mingo;
 *  - a $lookup by `localField`/`foreignField` reads only the foreign documents whose field is
 *    one of the local values (through the planner, so an index serves it), not the whole
 *    collection: the pipeline runs in segments, each ending at such a $lookup;
 *  - any other $lookup (with `pipeline`) reads the whole foreign collection;
 *  - $lookup on an unknown collection joins nothing (empty array), like MongoDB.
 */
import { Aggregator } from 'mingo';
import { decodeDoc, isPlainObject, type Doc } from './ejson-codec';
import { plan } from './planner';
import { mingoCall } from './query-exec';
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

export function aggregate(storage: Storage, coll: unknown, pipeline: Doc[]): Doc[] {
  const c = storage.require(coll);
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
      continue;
    }
    segment.push(stage);
  }
  return run(segment, everything);
}
