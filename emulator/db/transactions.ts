/**
 * Transaction bookkeeping: snapshot versions, write buffers and conflict detection.
 * Invariants:
 *  - `seq` increases by one for every committed write request (or transaction commit);
 *    a transaction sees the database as of `seq` at its start plus its own buffered writes;
 *  - while any transaction is active, every committed write of a document records its
 *    before-image (stored text, or null when it did not exist) and its seq, so snapshot reads
 *    can reconstruct old versions; this history is pruned once no active transaction needs it;
 *  - first writer wins: a transaction writing a document that another active transaction has
 *    already written, or that was committed by anyone after the transaction started, fails with
 *    DATABASE_TRANSACTION_CONFLICT and is aborted (its buffered writes are dropped);
 *  - transactions idle for longer than the timeout expire (aborted).
 */
import { randomBytes } from 'node:crypto';
import type { Doc } from './ejson-codec';
import { DbError } from './errors';

export interface BufferedWrite {
  coll: string;
  id: string | number;
  /** new document, or null for a deletion */
  doc: Doc | null;
  text: string | null;
}

export type TxState = 'active' | 'committed' | 'aborted' | 'conflicted' | 'expired';

export class Tx {
  readonly id: string;
  readonly startSeq: number;
  lastActive: number;
  state: TxState = 'active';
  readonly writes = new Map<string, BufferedWrite>();
  constructor(id: string, startSeq: number, now: number) {
    this.id = id;
    this.startSeq = startSeq;
    this.lastActive = now;
  }
}

interface HistoryEntry {
  seq: number;
  before: string | null;
}

export function docKey(coll: string, id: string | number): string {
  return `${coll}\u0000${typeof id === 'number' ? 'n' : 's'}${id}`;
}

export function collOfKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}

export class TxManager {
  private seq = 0;
  private readonly active = new Map<string, Tx>();
  private readonly ended = new Map<string, TxState>();
  private readonly lastWrite = new Map<string, number>();
  private readonly history = new Map<string, HistoryEntry[]>();
  private readonly writers = new Map<string, string>();
  private readonly timeoutMs: number;
  private readonly clock: () => number;

  constructor(timeoutMs: number, clock: () => number = Date.now) {
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  get activeCount(): number {
    return this.active.size;
  }

  start(): Tx {
    const tx = new Tx(randomBytes(16).toString('hex'), this.seq, this.clock());
    this.active.set(tx.id, tx);
    return tx;
  }

  /** The active transaction with this id; throws for unknown, ended or expired ones. */
  get(id: unknown): Tx {
    if (typeof id !== 'string' || !id) throw new DbError('INVALID_PARAM', 'transactionId is required');
    const tx = this.active.get(id);
    if (tx) {
      tx.lastActive = this.clock();
      return tx;
    }
    const st = this.ended.get(id);
    if (st === 'conflicted')
      throw new DbError('DATABASE_TRANSACTION_CONFLICT', 'transaction was aborted by a write conflict');
    if (st) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${id} is ${st}`);
    throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${id} does not exist`);
  }

  endedState(id: string): TxState | undefined {
    return this.ended.get(id);
  }

  /** Registers `tx` as the writer of `key`, or aborts it with a conflict. */
  claim(tx: Tx, key: string): void {
    const holder = this.writers.get(key);
    const lw = this.lastWrite.get(key) ?? -1;
    if ((holder !== undefined && holder !== tx.id) || lw > tx.startSeq) {
      this.end(tx, 'conflicted');
      throw new DbError('DATABASE_TRANSACTION_CONFLICT', 'document was modified by another transaction or write');
    }
    this.writers.set(key, tx.id);
  }

  /** Throws (and aborts tx) when any written key was committed by someone after tx started. */
  checkCommit(tx: Tx): void {
    for (const key of tx.writes.keys()) {
      if ((this.lastWrite.get(key) ?? -1) > tx.startSeq) {
        this.end(tx, 'conflicted');
        throw new DbError('DATABASE_TRANSACTION_CONFLICT', 'document was modified after the transaction started');
      }
    }
  }

  /** Text of `key` as seen by tx: own write, else before-image of the first later write, else current. */
  resolve(tx: Tx, key: string, current: () => string | null): string | null {
    const w = tx.writes.get(key);
    if (w) return w.text;
    const h = this.history.get(key);
    if (h) for (const e of h) if (e.seq > tx.startSeq) return e.before;
    return current();
  }

  /** Keys of `coll` whose committed version differs from tx's snapshot, with their snapshot text. */
  changedSince(tx: Tx, coll: string): Map<string, string | null> {
    const out = new Map<string, string | null>();
    for (const [key, h] of this.history) {
      if (collOfKey(key) !== coll) continue;
      const e = h.find((x) => x.seq > tx.startSeq);
      if (e) out.set(key, e.before);
    }
    return out;
  }

  /** Records a committed write request: bumps seq and logs before-images for open snapshots. */
  committed(records: ReadonlyArray<readonly [string, string | null]>): void {
    this.seq++;
    if (this.active.size === 0) return;
    for (const [key, before] of records) {
      this.lastWrite.set(key, this.seq);
      let h = this.history.get(key);
      if (!h) this.history.set(key, (h = []));
      const last = h[h.length - 1];
      if (!last || last.seq !== this.seq) h.push({ seq: this.seq, before });
    }
  }

  end(tx: Tx, state: TxState): void {
    if (!this.active.delete(tx.id)) return;
    tx.state = state;
    for (const key of tx.writes.keys()) if (this.writers.get(key) === tx.id) this.writers.delete(key);
    tx.writes.clear();
    this.ended.set(tx.id, state);
    if (this.ended.size > 10000) {
      const first = this.ended.keys().next();
      if (!first.done) this.ended.delete(first.value);
    }
    this.prune();
  }

  private prune(): void {
    if (this.active.size === 0) {
      this.lastWrite.clear();
      this.history.clear();
      this.writers.clear();
      return;
    }
    let minStart = Infinity;
    for (const t of this.active.values()) minStart = Math.min(minStart, t.startSeq);
    for (const [key, h] of this.history) {
      const keep = h.filter((e) => e.seq > minStart);
      if (keep.length === 0) this.history.delete(key);
      else if (keep.length !== h.length) this.history.set(key, keep);
    }
    for (const [key, s] of this.lastWrite) if (s <= minStart) this.lastWrite.delete(key);
  }

  /** Expires idle transactions. */
  sweep(): void {
    if (this.active.size === 0) return;
    const now = this.clock();
    for (const tx of [...this.active.values()]) {
      if (now - tx.lastActive > this.timeoutMs) this.end(tx, 'expired');
    }
  }
}
