/** Collections, add/get/set/update/remove by doc and by where, errors, order/skip/limit/field. */
import { errorCode, index, startEmu, type Emu, type SdkDb } from './helpers';

let e: Emu;
let db: SdkDb;
beforeAll(async () => {
  e = await startEmu({ indexes: { users: [index('openid_unique', { openid: 1 }, { unique: true })] } });
  db = e.db;
  await db.createCollection('items');
});
afterAll(async () => {
  await e.close();
});

describe('collections', () => {
  test('createCollection, and again → DATABASE_COLLECTION_ALREADY_EXIST', async () => {
    await db.createCollection('fresh');
    expect(await errorCode(db.createCollection('fresh'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
    expect(await errorCode(db.createCollection('users'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
  });

  test('unknown collection → DATABASE_COLLECTION_NOT_EXIST for reads and writes', async () => {
    const c = db.collection('nope');
    expect(await errorCode(c.add({ a: 1 }))).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect(await errorCode(c.where({ a: 1 }).get())).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect(await errorCode(c.doc('x').get())).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect(await errorCode(c.where({ a: 1 }).count())).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect(await errorCode(c.doc('x').update({ a: 1 }))).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect(await errorCode(c.doc('x').remove())).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect(await errorCode(c.aggregate().match({}).end())).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });

  test('unknown action and malformed input are errors, not crashes', () => {
    expect(e.emu.handle({ action: 'database.frobnicate' })).toMatchObject({
      code: 'DATABASE_ACTION_NOT_SUPPORTED',
      message: 'unknown action database.frobnicate',
    });
    expect(e.emu.handle({ action: 'database.getDocument', collectionName: 'items', query: '{not json' })).toMatchObject(
      {
        code: 'INVALID_PARAM',
        message: 'query is not valid EJSON',
      },
    );
    expect(e.emu.handle({ action: 'database.insertDocument', collectionName: 'items', data: ['[1]'] })).toMatchObject({
      code: 'INVALID_PARAM',
      message: 'each document must be an object',
    });
    expect(e.emu.handle({ action: 'database.getDocument', collectionName: 'items', limit: -3 })).toMatchObject({
      code: 'INVALID_PARAM',
      message: 'limit must be a non-negative integer',
    });
    const r = e.emu.handle({ action: 'database.getDocument', collectionName: 'items', query: '{"a":{"$nosuchop":1}}' });
    expect(r).toMatchObject({ code: 'INVALID_PARAM', message: 'invalid query: unknown query operator $nosuchop' });
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts/);
  });
});

describe('add', () => {
  test('single add generates a 32-hex _id; explicit _id is kept', async () => {
    const c = db.collection('items');
    const r = await c.add({ name: 'gen' });
    expect(r.id).toMatch(/^[0-9a-f]{32}$/);
    const r2 = await c.add({ _id: 'explicit-1', name: 'exp' });
    expect(r2.id).toBe('explicit-1');
    const got = await c.doc('explicit-1').get();
    expect(got.data).toEqual([{ _id: 'explicit-1', name: 'exp' }]);
    const got2 = await c.doc(r.id).get();
    expect(got2.data).toEqual([{ _id: r.id, name: 'gen' }]);
  });

  test('array add returns all ids in order', async () => {
    const c = db.collection('items');
    const r = await c.add([{ _id: 'arr-1', k: 1 }, { k: 2 }, { _id: 'arr-3', k: 3 }]);
    expect(r.ids).toHaveLength(3);
    expect(r.ids[0]).toBe('arr-1');
    expect(r.ids[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(r.ids[2]).toBe('arr-3');
    const n = await c.where({ k: db.command.in([1, 2, 3]) }).count();
    expect(n.total).toBe(3);
  });

  test('existing _id → DATABASE_DUPLICATE_WRITE and a batch with a duplicate writes nothing', async () => {
    const c = db.collection('items');
    expect(await errorCode(c.add({ _id: 'explicit-1', name: 'again' }))).toBe('DATABASE_DUPLICATE_WRITE');
    expect(await errorCode(c.add([{ _id: 'batch-new', z: 1 }, { _id: 'explicit-1' }]))).toBe(
      'DATABASE_DUPLICATE_WRITE',
    );
    expect((await c.doc('batch-new').get()).data).toEqual([]);
    expect((await c.doc('explicit-1').get()).data[0].name).toBe('exp');
  });

  test('unique index → DATABASE_DUPLICATE_WRITE on add, set and update', async () => {
    const u = db.collection('users');
    await u.add({ _id: 'u1', openid: 'o-1' });
    await u.add({ _id: 'u2', openid: 'o-2' });
    expect(await errorCode(u.add({ openid: 'o-1' }))).toBe('DATABASE_DUPLICATE_WRITE');
    expect(await errorCode(u.doc('u2').update({ openid: 'o-1' }))).toBe('DATABASE_DUPLICATE_WRITE');
    expect(await errorCode(u.doc('u3').set({ openid: 'o-2' }))).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await u.where({}).count()).total).toBe(2);
    expect((await u.doc('u2').get()).data[0].openid).toBe('o-2');
    // documents without the field do not collide
    await u.add([{ _id: 'n1' }, { _id: 'n2' }]);
    expect((await u.where({}).count()).total).toBe(4);
  });
});

describe('doc()', () => {
  test('get of a missing doc is an empty list', async () => {
    expect((await db.collection('items').doc('missing').get()).data).toEqual([]);
  });

  test('set replaces the whole document (keeping _id) or creates it', async () => {
    const c = db.collection('items');
    await c.add({ _id: 'set-1', a: 1, b: { c: 2 } });
    const r = await c.doc('set-1').set({ x: 'y' });
    expect(r.updated).toBe(1);
    expect(r.upsertedId ?? null).toBeNull();
    expect((await c.doc('set-1').get()).data).toEqual([{ _id: 'set-1', x: 'y' }]);
    const r2 = await c.doc('set-new').set({ fresh: true });
    expect(r2.updated).toBe(0);
    expect(r2.upsertedId).toBe('set-new');
    expect((await c.doc('set-new').get()).data).toEqual([{ _id: 'set-new', fresh: true }]);
  });

  test('update merges fields (nested objects merge by path)', async () => {
    const c = db.collection('items');
    await c.add({ _id: 'upd-1', a: 1, n: { x: 1, y: 2 } });
    const r = await c.doc('upd-1').update({ b: 2, n: { x: 5 } });
    expect(r.updated).toBe(1);
    expect((await c.doc('upd-1').get()).data).toEqual([{ _id: 'upd-1', a: 1, b: 2, n: { x: 5, y: 2 } }]);
    expect((await c.doc('nope').update({ a: 1 })).updated).toBe(0);
  });

  test('remove deletes one document', async () => {
    const c = db.collection('items');
    await c.add({ _id: 'rm-1' });
    expect((await c.doc('rm-1').remove()).deleted).toBe(1);
    expect((await c.doc('rm-1').remove()).deleted).toBe(0);
    expect((await c.doc('rm-1').get()).data).toEqual([]);
  });

  test('numeric _id works', async () => {
    const c = db.collection('items');
    await c.add({ _id: 42, v: 'num' });
    expect((await c.doc(42).get()).data).toEqual([{ _id: 42, v: 'num' }]);
    expect((await c.doc('42').get()).data).toEqual([]);
  });
});

describe('where()', () => {
  beforeAll(async () => {
    await db.createCollection('grid');
    const docs = [];
    for (let i = 0; i < 30; i++)
      docs.push({ _id: `g${String(i).padStart(2, '0')}`, i, mod3: i % 3, even: i % 2 === 0, tag: `t${i % 5}` });
    await db.collection('grid').add(docs);
  });

  test('get / count', async () => {
    const c = db.collection('grid');
    const r = await c.where({ mod3: 1 }).get();
    expect(r.data.map((d: { i: number }) => d.i).sort((a: number, b: number) => a - b)).toEqual([
      1, 4, 7, 10, 13, 16, 19, 22, 25, 28,
    ]);
    expect((await c.where({ mod3: 1, even: true }).count()).total).toBe(5);
    expect((await c.count()).total).toBe(30);
  });

  test('orderBy with several keys, skip, limit', async () => {
    const c = db.collection('grid');
    const r = await c.where({}).orderBy('mod3', 'desc').orderBy('i', 'asc').skip(2).limit(5).get();
    expect(r.data.map((d: { i: number }) => d.i)).toEqual([8, 11, 14, 17, 20]);
    const r2 = await c.where({ even: true }).orderBy('tag', 'asc').orderBy('i', 'desc').limit(4).get();
    expect(r2.data.map((d: { i: number }) => d.i)).toEqual([20, 10, 0, 26]);
  });

  test('field() projection: inclusion keeps _id, exclusion drops fields, _id can be excluded', async () => {
    const c = db.collection('grid');
    const inc = await c.doc('g05').field({ i: true }).get();
    expect(inc.data).toEqual([{ _id: 'g05', i: 5 }]);
    const exc = await c.where({ i: 6 }).field({ tag: false, even: false }).get();
    expect(exc.data).toEqual([{ _id: 'g06', i: 6, mod3: 0 }]);
    const noid = await c.where({ i: 7 }).field({ _id: false, i: true }).get();
    expect(noid.data).toEqual([{ i: 7 }]);
  });

  test('update is multi-document by default; remove too', async () => {
    const c = db.collection('grid');
    const r = await c.where({ tag: 't1' }).update({ flagged: true });
    expect(r.updated).toBe(6);
    expect((await c.where({ flagged: true }).count()).total).toBe(6);
    const rm = await c.where({ flagged: true }).remove();
    expect(rm.deleted).toBe(6);
    expect((await c.count()).total).toBe(24);
  });

  test('limit defaults to 100 and is capped at 1000', async () => {
    await db.createCollection('many');
    const c = db.collection('many');
    for (let b = 0; b < 3; b++) {
      const docs = [];
      for (let i = 0; i < 400; i++) docs.push({ n: b * 400 + i });
      await c.add(docs);
    }
    expect((await c.count()).total).toBe(1200);
    expect((await c.get()).data).toHaveLength(100);
    expect((await c.limit(5000).get()).data).toHaveLength(1000);
    const raw = e.emu.handle({
      action: 'database.getDocument',
      collectionName: 'many',
      queryType: 'WHERE',
      limit: 5000,
    });
    expect((raw['data'] as { list: unknown[] }).list.length).toBe(1000);
    const last = await c.orderBy('n', 'asc').skip(1000).limit(1000).get();
    expect(last.data).toHaveLength(200);
    expect(last.data[0].n).toBe(1000);
  });

  test('updateAndReturn returns the updated document', async () => {
    const c = db.collection('grid');
    const r = await c.where({ _id: 'g02' }).updateAndReturn({ i: db.command.inc(100) });
    expect(r.updated).toBe(1);
    expect(r.doc).toEqual({ _id: 'g02', i: 102, mod3: 2, even: true, tag: 't2' });
    const none = await c.where({ _id: 'zz' }).updateAndReturn({ i: 1 });
    expect(none.updated).toBe(0);
    expect(none.doc).toBeNull();
  });

  test('stats count requests by action', () => {
    const s = e.emu.stats();
    expect(s.requests).toBeGreaterThan(10);
    expect(s.byAction['database.getDocument']).toBeGreaterThan(0);
  });
});
