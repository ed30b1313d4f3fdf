/**
 * The database engine: collection operations on decoded parameters, for plain requests and
 * inside transactions.
 * Invariants:
 *  - each plain write request runs in exactly one SQLite transaction (all-or-nothing, e.g. a
 *    duplicate in a batch insert writes nothing), and only after it committed are its
 *    before-images handed to the TxManager;
 *  - transaction writes are buffered and applied in one SQLite transaction at commit, after a
 *    last conflict check;
 *  - SQLite uniqueness failures surface as DATABASE_DUPLICATE_WRITE.
 */
import { encodeValue, isPlainObject, type Doc } from './ejson-codec';
import { DbError, isUniqueViolation } from './errors';
import { countCommitted, compileMatcher, pointId, type FindOptions, type Matcher } from './query-exec';
import type { Storage } from './storage';
import { TxManager, type Tx } from './transactions';
import { applyOperators, replacement, upsertBase, validateUpdate } from './update-apply';
import { CommittedView, Item, TxView, WriteCtx, newId, requireId, type View } from './views';

export interface ModifyOptions {
  multi: boolean;
  merge: boolean;
  upsert: boolean;
}

export interface ModifyResult {
  updated: number;
  upsertId: string | number | null;
  doc: Item | null;
}

export class Engine {
  readonly storage: Storage;
  readonly txm: TxManager;

  constructor(storage: Storage, txTimeoutMs: number) {
    this.storage = storage;
    this.txm = new TxManager(txTimeoutMs);
  }

  /** Runs a plain write request in one SQLite transaction. */
  private runWrite<T>(fn: (view: View, w: WriteCtx) => T): T {
    const w = new WriteCtx();
    let result: T;
    try {
      result = this.storage.transaction(() => fn(new CommittedView(w), w));
    } catch (e) {
      if (isUniqueViolation(e))
        throw new DbError('DATABASE_DUPLICATE_WRITE', 'duplicate key (existing _id or unique index)');
      throw e;
    }
    this.txm.committed(w.records);
    return result;
  }

  /** Runs `fn` on the transaction's view, or as a plain (read or write) request. */
  private withView<T>(txId: unknown, write: boolean, fn: (view: View) => T): T {
    if (txId !== undefined && txId !== null && txId !== '') {
      const tx = this.txm.get(txId);
      return fn(new TxView(this.txm, tx));
    }
    if (write) return this.runWrite(fn);
    return fn(new CommittedView(new WriteCtx()));
  }

  insert(coll: unknown, docs: Doc[], txId: unknown): Array<string | number> {
    const c = this.storage.require(coll);
    // CloudBase allows only single-record operations in a transaction (WeChat's runTransaction
    // reference, "限制"): an insert there takes one document, as on the real service.
    if (docs.length > 1 && txId !== undefined && txId !== null && txId !== '') {
      throw new DbError('DATABASE_ACTION_NOT_SUPPORTED', 'a transaction inserts one document per request');
    }
    return this.withView(txId, true, (view) =>
      docs.map((d) => {
        const doc: Doc = { _id: d['_id'] === undefined ? newId() : d['_id'], ...d };
        const id = requireId(doc);
        view.insert(c, id, doc, encodeValue(doc));
        return id;
      }),
    );
  }

  find(coll: unknown, query: Doc, opts: FindOptions, txId: unknown, matcher?: Matcher): Item[] {
    const c = this.storage.require(coll);
    const m = matcher ?? compileMatcher(query);
    return this.withView(txId, false, (view) => view.find(c, query, m, opts));
  }

  count(coll: unknown, query: Doc, txId: unknown, matcher?: Matcher): number {
    const c = this.storage.require(coll);
    const m = matcher ?? compileMatcher(query);
    if (txId === undefined || txId === null || txId === '') return countCommitted(c, query, m);
    return this.find(coll, query, { sort: [], skip: 0, limit: Infinity }, txId, m).length;
  }

  modify(coll: unknown, query: Doc, data: Doc, o: ModifyOptions, txId: unknown, matcher?: Matcher): ModifyResult {
    const c = this.storage.require(coll);
    if (o.merge) validateUpdate(data);
    else if (Object.keys(data).some((k) => k.charCodeAt(0) === 36)) {
      throw new DbError('INVALID_PARAM', 'a replacement document cannot contain update operators');
    }
    const m = matcher ?? compileMatcher(query);
    return this.withView(txId, true, (view) => {
      const found = view.find(c, query, m, { sort: [], skip: 0, limit: o.multi ? Infinity : 1 });
      let updated = 0;
      let last: Item | null = null;
      for (const item of found) {
        const doc = o.merge ? applyOperators(item.text, data) : replacement(item.doc['_id'], data);
        const text = encodeValue(doc);
        last = new Item(text, undefined, doc);
        if (text === item.text) continue;
        view.replace(c, item, doc, text);
        updated++;
      }
      if (found.length > 0 || !o.upsert) return { updated, upsertId: null, doc: last };
      const qid = query['_id'];
      const id = pointId(query) ?? (qid === undefined || isPlainObject(qid) ? newId() : qid);
      const doc = o.merge ? applyOperators(encodeValue(upsertBase(query, id)), data) : replacement(id, data);
      const rid = requireId(doc);
      const text = encodeValue(doc);
      view.insert(c, rid, doc, text);
      return { updated: 0, upsertId: rid, doc: new Item(text, undefined, doc) };
    });
  }

  remove(coll: unknown, query: Doc, multi: boolean, txId: unknown): number {
    const c = this.storage.require(coll);
    const m = compileMatcher(query);
    return this.withView(txId, true, (view) => {
      const found = view.find(c, query, m, { sort: [], skip: 0, limit: multi ? Infinity : 1 });
      for (const item of found) view.remove(c, item);
      return found.length;
    });
  }

  startTransaction(): Tx {
    return this.txm.start();
  }

  commitTransaction(txId: unknown): void {
    const tx = this.txm.get(txId);
    try {
      this.runWrite((_view, wc) => {
        this.txm.checkCommit(tx);
        for (const [key, w] of tx.writes) {
          const c = this.storage.require(w.coll);
          const row = c.getById(w.id);
          if (w.doc === null || w.text === null) {
            if (row) {
              c.remove(row.rid);
              wc.records.push([key, row.doc]);
            }
          } else if (row) {
            c.update(row.rid, w.doc, w.text);
            wc.records.push([key, row.doc]);
          } else {
            c.insert(w.id, w.doc, w.text);
            wc.records.push([key, null]);
          }
        }
      });
    } catch (e) {
      this.txm.end(tx, 'aborted');
      throw e;
    }
    this.txm.end(tx, 'committed');
  }

  abortTransaction(txId: unknown): void {
    if (typeof txId === 'string') {
      const st = this.txm.endedState(txId);
      if (st === 'aborted' || st === 'conflicted' || st === 'expired') return;
    }
    const tx = this.txm.get(txId);
    this.txm.end(tx, 'aborted');
  }
}
