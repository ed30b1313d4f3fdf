/**
 * SQLite storage of collections (better-sqlite3, WAL, synchronous=NORMAL).
 * Invariants:
 *  - one table per collection: rid INTEGER PRIMARY KEY (insertion order), id (the _id, string or
 *    number, UNIQUE), doc (EJSON text as sent to the SDK) and key columns k0..kn, one per field
 *    path used by a declared index, always equal to docFieldKey(doc, path) (see key-encoding);
 *  - every key column has a tiny partial index on its COMPLEX rows so the planner can ask
 *    "does this field ever hold a non-scalar?" in O(log n);
 *  - declared indexes are SQLite indexes over key columns (UNIQUE when declared unique);
 *  - the catalog table _emu_collections maps collection names to tables and key columns, so the
 *    layout survives restarts; ensureIndexes is idempotent.
 */
import Database from 'better-sqlite3';
import type { IndexDecl } from './collections-config';
import { DbError } from './errors';
import { decodeDoc, type Doc } from './ejson-codec';
import { docFieldKey, type SqlKey } from './key-encoding';

export type Statement = Database.Statement;

export interface Row {
  rid: number;
  doc: string;
}

export function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

interface CatalogRow {
  name: string;
  tbl: string;
  fields: string;
  indexes: string;
}

export class CollectionStore {
  readonly name: string;
  readonly table: string;
  readonly qtable: string;
  /** field paths (dotted) of the key columns; column i is `k${i}` */
  fields: string[];
  private keyPaths: string[][];
  readonly fieldCol = new Map<string, string>();
  /** bumped on every committed or in-flight write; used to cache complex-value probes */
  version = 0;
  private readonly db: Database.Database;
  private readonly stmts = new Map<string, Statement>();
  private readonly complexCache = new Map<string, { version: number; has: boolean }>();
  private stmtGet!: Statement;
  private stmtInsert!: Statement;
  private stmtUpdate!: Statement;
  private stmtDelete!: Statement;
  private stmtAll!: Statement;

  constructor(db: Database.Database, name: string, table: string, fields: string[]) {
    this.db = db;
    this.name = name;
    this.table = table;
    this.qtable = quoteIdent(table);
    this.fields = fields;
    this.keyPaths = [];
    this.refresh();
  }

  /** Rebuilds column maps and cached statements after the column set changed. */
  refresh(): void {
    this.keyPaths = this.fields.map((f) => f.split('.'));
    this.fieldCol.clear();
    this.fields.forEach((f, i) => this.fieldCol.set(f, `k${i}`));
    this.stmts.clear();
    this.complexCache.clear();
    const cols = this.fields.map((_, i) => `k${i}`);
    const t = this.qtable;
    this.stmtGet = this.db.prepare(`SELECT rid, doc FROM ${t} WHERE id = ?`);
    this.stmtInsert = this.db.prepare(
      `INSERT INTO ${t} (id, doc${cols.map((c) => ', ' + c).join('')}) VALUES (?, ?${cols.map(() => ', ?').join('')})`,
    );
    this.stmtUpdate = this.db.prepare(`UPDATE ${t} SET doc = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE rid = ?`);
    this.stmtDelete = this.db.prepare(`DELETE FROM ${t} WHERE rid = ?`);
    this.stmtAll = this.db.prepare(`SELECT rid, doc FROM ${t} ORDER BY rid`);
  }

  keysOf(doc: Doc): SqlKey[] {
    const id = doc['_id'];
    return this.keyPaths.map((p) => docFieldKey(doc, p, id));
  }

  getById(id: string | number): Row | undefined {
    return this.stmtGet.get(id) as Row | undefined;
  }

  insert(id: string | number, doc: Doc, text: string): number {
    this.version++;
    const r = this.stmtInsert.run(id, text, ...this.keysOf(doc));
    return Number(r.lastInsertRowid);
  }

  update(rid: number, doc: Doc, text: string): void {
    this.version++;
    this.stmtUpdate.run(text, ...this.keysOf(doc), rid);
  }

  remove(rid: number): void {
    this.version++;
    this.stmtDelete.run(rid);
  }

  all(): IterableIterator<Row> {
    return this.stmtAll.iterate() as IterableIterator<Row>;
  }

  /** Cached prepared statement for planner-generated SQL. */
  prepare(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.stmts.size > 500) this.stmts.clear();
      this.stmts.set(sql, s);
    }
    return s;
  }

  /** True when some document holds a non-scalar (array/object/...) at the column's path. */
  hasComplex(col: string): boolean {
    const c = this.complexCache.get(col);
    if (c && c.version === this.version) return c.has;
    const has = this.prepare(`SELECT 1 FROM ${this.qtable} WHERE ${col} >= x'ff' LIMIT 1`).get() !== undefined;
    this.complexCache.set(col, { version: this.version, has });
    return has;
  }
}

export class Storage {
  readonly db: Database.Database;
  private readonly cols = new Map<string, CollectionStore>();
  private readonly runInTx: (fn: () => unknown) => unknown;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('cache_size = -65536');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS _emu_collections (
         name TEXT PRIMARY KEY, tbl TEXT NOT NULL UNIQUE,
         fields TEXT NOT NULL DEFAULT '[]', indexes TEXT NOT NULL DEFAULT '[]')`,
    );
    const rows = this.db.prepare('SELECT name, tbl, fields, indexes FROM _emu_collections').all() as CatalogRow[];
    for (const r of rows) {
      this.cols.set(r.name, new CollectionStore(this.db, r.name, r.tbl, JSON.parse(r.fields) as string[]));
    }
    const tx = this.db.transaction((fn: () => unknown) => fn());
    this.runInTx = (fn) => tx(fn);
  }

  /** Runs fn inside one SQLite transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.runInTx(fn) as T;
  }

  get(name: string): CollectionStore | undefined {
    return this.cols.get(name);
  }

  require(name: unknown): CollectionStore {
    if (typeof name !== 'string' || !name) throw new DbError('INVALID_PARAM', 'collectionName is required');
    const c = this.cols.get(name);
    if (!c) throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`);
    return c;
  }

  names(): string[] {
    return [...this.cols.keys()];
  }

  create(name: string): CollectionStore {
    if (this.cols.has(name))
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    if (!name || name.length > 128) throw new DbError('INVALID_PARAM', 'invalid collection name');
    return this.transaction(() => {
      const n = (this.db.prepare('SELECT count(*) AS n FROM _emu_collections').get() as { n: number }).n;
      let tbl = `c_${n}`;
      for (let i = n; this.db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(tbl); i++) tbl = `c_${i + 1}`;
      this.db.exec(`CREATE TABLE ${quoteIdent(tbl)} (rid INTEGER PRIMARY KEY, id NOT NULL UNIQUE, doc TEXT NOT NULL)`);
      this.db.prepare('INSERT INTO _emu_collections (name, tbl) VALUES (?, ?)').run(name, tbl);
      const c = new CollectionStore(this.db, name, tbl, []);
      this.cols.set(name, c);
      return c;
    });
  }

  /** Creates the collection if needed and makes its SQLite indexes match `decls` (idempotent). */
  ensure(name: string, decls: IndexDecl[]): CollectionStore {
    const c = this.cols.get(name) ?? this.create(name);
    const declJson = JSON.stringify(decls);
    const row = this.db.prepare('SELECT indexes FROM _emu_collections WHERE name = ?').get(name) as { indexes: string };
    if (row.indexes === declJson) return c;
    this.transaction(() => {
      const added: number[] = [];
      for (const ix of decls) {
        for (const k of ix.keys) {
          if (!c.fieldCol.has(k.field)) {
            const i = c.fields.length;
            this.db.exec(`ALTER TABLE ${c.qtable} ADD COLUMN k${i}`);
            c.fields = [...c.fields, k.field];
            added.push(i);
            c.refresh();
          }
        }
      }
      if (added.length > 0) {
        this.backfill(c);
        for (const i of added) {
          this.db.exec(
            `CREATE INDEX IF NOT EXISTS ${quoteIdent(`cx_${c.table}_k${i}`)} ON ${c.qtable} (k${i}) WHERE k${i} >= x'ff'`,
          );
        }
      }
      const existing = this.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE ?`)
        .all(c.table, `ix\\_${c.table}\\_%`) as { name: string }[];
      for (const e of existing) {
        if (e.name.startsWith(`ix_${c.table}_`)) this.db.exec(`DROP INDEX ${quoteIdent(e.name)}`);
      }
      for (const ix of decls) {
        const cols = ix.keys.map((k) => `${c.fieldCol.get(k.field) as string} ${k.order === -1 ? 'DESC' : 'ASC'}`);
        try {
          this.db.exec(
            `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(`ix_${c.table}_${ix.name}`)} ON ${c.qtable} (${cols.join(', ')})`,
          );
        } catch (e) {
          throw new Error(`cannot create index ${name}.${ix.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      this.db
        .prepare('UPDATE _emu_collections SET fields = ?, indexes = ? WHERE name = ?')
        .run(JSON.stringify(c.fields), declJson, name);
    });
    return c;
  }

  private backfill(c: CollectionStore): void {
    const rows = [...c.all()];
    for (const r of rows) c.update(r.rid, decodeDoc(r.doc), r.doc);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
