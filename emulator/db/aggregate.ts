/**
 * Aggregation pipelines through mingo's Aggregator (all operators loaded by mingo's default
 * entry point), with $lookup resolving other collections of the same database.
 * Invariants:
 *  - a leading $match is used as a planner pre-filter (superset) and still executed by mingo;
 *  - $lookup on an unknown collection joins nothing (empty array), like MongoDB.
 */
import { Aggregator } from 'mingo';
import { decodeDoc, isPlainObject, type Doc } from './ejson-codec';
import { plan } from './planner';
import { mingoCall } from './query-exec';
import type { Row, Storage } from './storage';

export function aggregate(storage: Storage, coll: unknown, pipeline: Doc[]): Doc[] {
  const c = storage.require(coll);
  const first = pipeline[0];
  const match = first && isPlainObject(first['$match']) ? first['$match'] : {};
  const p = plan(c, match, []);
  const input: Doc[] = [];
  for (const row of c.prepare(p.sql).iterate(...p.params) as IterableIterator<Row>) input.push(decodeDoc(row.doc));
  const resolver = (name: string): Doc[] => {
    const other = storage.get(name);
    if (!other) return [];
    const docs: Doc[] = [];
    for (const row of other.all()) docs.push(decodeDoc(row.doc));
    return docs;
  };
  return mingoCall(() => new Aggregator(pipeline, { collectionResolver: resolver }).run(input) as Doc[]);
}
