/**
 * Application of update documents (MongoDB update operators through mingo) and replacements.
 * Invariants:
 *  - the _id of a document never changes;
 *  - only whitelisted operators are accepted (unknown ones → INVALID_PARAM);
 *  - the input document is never mutated: a deep copy is updated and returned;
 *  - operators are mingo's own update operators, called directly (mingo's top-level update()
 *    rebuilds its operator context on every call, which dominated the cost of an update).
 */
import * as updateOps from 'mingo/operators/update';
import { decodeDoc, isPlainObject, type Doc } from './ejson-codec';
import { DbError, invalidParam } from './errors';
import { mingoCall } from './query-exec';

const OPERATORS = new Set([
  '$set',
  '$inc',
  '$mul',
  '$unset',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$bit',
]);

export function isOperatorUpdate(data: Doc): boolean {
  const keys = Object.keys(data);
  return keys.length > 0 && keys.every((k) => k.charCodeAt(0) === 36);
}

function touchesId(update: Doc): boolean {
  for (const op of Object.keys(update)) {
    const fields = update[op];
    if (!isPlainObject(fields)) continue;
    for (const f of Object.keys(fields)) {
      if (f === '_id' || f.startsWith('_id.')) return true;
      if (op === '$rename' && fields[f] === '_id') return true;
    }
  }
  return false;
}

export function validateUpdate(update: Doc): void {
  const keys = Object.keys(update);
  if (keys.length === 0) throw invalidParam('empty update');
  for (const k of keys) {
    if (!OPERATORS.has(k)) throw invalidParam(`unsupported update operator ${k}`);
    if (!isPlainObject(update[k])) throw invalidParam(`${k} expects an object`);
  }
  if (touchesId(update)) throw new DbError('INVALID_PARAM', 'cannot update _id');
}

type UpdateOp = (expr: Doc) => (obj: Doc) => string[];
const OPS = updateOps as unknown as Record<string, UpdateOp | undefined>;

/** Applies operators to a fresh copy of the document stored as `text`; returns the copy. */
export function applyOperators(text: string, update: Doc): Doc {
  const copy = decodeDoc(text);
  mingoCall(() => {
    for (const op of Object.keys(update)) {
      const fn = OPS[op];
      if (!fn) throw invalidParam(`unsupported update operator ${op}`);
      fn(update[op] as Doc)(copy);
    }
  });
  return copy;
}

/** Replacement document (set semantics): `data` with the original _id. */
export function replacement(id: unknown, data: Doc): Doc {
  const out: Doc = { _id: id };
  for (const k of Object.keys(data)) if (k !== '_id') out[k] = data[k];
  return out;
}

/** Document created by an upsert: equality fields of the query, then the update. */
export function upsertBase(query: Doc, id: unknown): Doc {
  const base: Doc = {};
  for (const k of Object.keys(query)) {
    const v = query[k];
    if (k.charCodeAt(0) === 36 || k.includes('.')) continue;
    if (isPlainObject(v) && Object.keys(v).some((x) => x.charCodeAt(0) === 36)) continue;
    if (v instanceof RegExp) continue;
    base[k] = v;
  }
  base['_id'] = id;
  return base;
}
