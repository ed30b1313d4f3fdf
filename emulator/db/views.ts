/**
 * Read/write views over a collection: the committed database (writes go straight to SQLite
 * inside the caller's SQLite transaction) or a transaction's snapshot (writes are buffered).
 * Invariants:
 *  - a committed-view write records the document's before-image in its WriteCtx, which the
 *    engine hands to TxManager.committed() only after the SQLite transaction committed;
 *  - a tx-view read shows the snapshot as of the transaction start plus its own writes;
 *    a tx-view write claims the document first (conflict → transaction aborted).
 */
import { randomBytes } from 'node:crypto';
import { decodeDoc, type Doc } from './ejson-codec';
import { DbError } from './errors';
import { idKey } from './key-encoding';
import { plan } from './planner';
import { Item, findCommitted, pointId, sortItems, type FindOptions, type Matcher } from './query-exec';

export { Item };
import type { CollectionStore, Row } from './storage';
import { docKey, type Tx, type TxManager } from './transactions';

export interface View {
  find(c: CollectionStore, query: Doc, matcher: Matcher, opts: FindOptions): Item[];
  /** inserts a new document (DATABASE_DUPLICATE_WRITE when the _id exists) */
  insert(c: CollectionStore, id: string | number, doc: Doc, text: string): void;
  replace(c: CollectionStore, item: Item, doc: Doc, text: string): void;
  remove(c: CollectionStore, item: Item): void;
}

export function newId(): string {
  return randomBytes(16).toString('hex');
}

export function requireId(doc: Doc): string | number {
  const id = idKey(doc['_id']);
  if (id === undefined) throw new DbError('INVALID_PARAM', '_id must be a string or a finite number');
  return id;
}

export class WriteCtx {
  readonly records: Array<readonly [string, string | null]> = [];
}

export class CommittedView implements View {
  constructor(private readonly w: WriteCtx) {}

  find(c: CollectionStore, query: Doc, matcher: Matcher, opts: FindOptions): Item[] {
    return findCommitted(c, query, matcher, opts);
  }

  insert(c: CollectionStore, id: string | number, doc: Doc, text: string): void {
    c.insert(id, doc, text);
    this.w.records.push([docKey(c.name, id), null]);
  }

  replace(c: CollectionStore, item: Item, doc: Doc, text: string): void {
    if (item.rid === undefined) throw new Error('committed item without rid');
    c.update(item.rid, doc, text);
    this.w.records.push([docKey(c.name, requireId(doc)), item.text]);
  }

  remove(c: CollectionStore, item: Item): void {
    if (item.rid === undefined) throw new Error('committed item without rid');
    c.remove(item.rid);
    this.w.records.push([docKey(c.name, requireId(item.doc)), item.text]);
  }
}

export class TxView implements View {
  constructor(
    private readonly txm: TxManager,
    private readonly tx: Tx,
  ) {}

  find(c: CollectionStore, query: Doc, matcher: Matcher, opts: FindOptions): Item[] {
    const { txm, tx } = this;
    if (opts.limit <= 0) return [];
    const pid = pointId(query);
    if (pid !== undefined) {
      const text = txm.resolve(tx, docKey(c.name, pid), () => c.getById(pid)?.doc ?? null);
      if (text === null || opts.skip > 0) return [];
      return [new Item(text)];
    }
    const changed = txm.changedSince(tx, c.name);
    const out: Item[] = [];
    const p = plan(c, query, []);
    for (const row of c.prepare(p.sql).iterate(...p.params) as IterableIterator<Row>) {
      const doc = decodeDoc(row.doc);
      const key = docKey(c.name, requireId(doc));
      if (changed.has(key) || tx.writes.has(key)) continue;
      if (matcher(doc)) out.push(new Item(row.doc, row.rid, doc));
    }
    for (const [key, before] of changed) {
      if (before === null || tx.writes.has(key)) continue;
      const doc = decodeDoc(before);
      if (matcher(doc)) out.push(new Item(before, undefined, doc));
    }
    for (const w of tx.writes.values()) {
      if (w.coll === c.name && w.doc && w.text !== null && matcher(w.doc)) out.push(new Item(w.text, undefined, w.doc));
    }
    return sortItems(out, (i) => i.doc, opts.sort).slice(opts.skip, opts.skip + opts.limit);
  }

  insert(c: CollectionStore, id: string | number, doc: Doc, text: string): void {
    const key = docKey(c.name, id);
    if (this.txm.resolve(this.tx, key, () => c.getById(id)?.doc ?? null) !== null) {
      throw new DbError('DATABASE_DUPLICATE_WRITE', `duplicate _id ${String(id)}`);
    }
    this.buffer(c, id, doc, text);
  }

  replace(c: CollectionStore, _item: Item, doc: Doc, text: string): void {
    this.buffer(c, requireId(doc), doc, text);
  }

  remove(c: CollectionStore, item: Item): void {
    this.buffer(c, requireId(item.doc), null, null);
  }

  private buffer(c: CollectionStore, id: string | number, doc: Doc | null, text: string | null): void {
    const key = docKey(c.name, id);
    this.txm.claim(this.tx, key);
    this.tx.writes.set(key, { coll: c.name, id, doc, text });
  }
}
