/** Transactions: commit, rollback, snapshot isolation, conflicts, retries, expiry. */
import { errorCode, errorOf, startEmu, type Emu, type SdkDb } from './helpers';

let e: Emu;
let db: SdkDb;
beforeAll(async () => {
  e = await startEmu({ transactionTimeoutMs: 1500 });
  db = e.db;
  await db.createCollection('acc');
  await db.collection('acc').add([
    { _id: 'A', bal: 100 },
    { _id: 'B', bal: 0 },
    { _id: 'C', n: 0 },
  ]);
});
afterAll(async () => {
  await e.close();
});

const bal = async (id: string): Promise<number> => (await db.collection('acc').doc(id).get()).data[0]?.bal;

test('runTransaction commits reads + writes atomically', async () => {
  const res = await db.runTransaction(async (t: SdkDb) => {
    const a = (await t.collection('acc').doc('A').get()).data;
    expect(a.bal).toBe(100);
    await t
      .collection('acc')
      .doc('A')
      .update({ bal: db.command.inc(-30) });
    await t
      .collection('acc')
      .doc('B')
      .update({ bal: db.command.inc(30) });
    // own writes are visible inside the transaction
    expect((await t.collection('acc').doc('A').get()).data.bal).toBe(70);
    // but not outside before commit
    expect(await bal('A')).toBe(100);
    return 'ok';
  });
  expect(res).toBe('ok');
  expect(await bal('A')).toBe(70);
  expect(await bal('B')).toBe(30);
});

test('explicit rollback leaves nothing behind', async () => {
  await expect(
    db.runTransaction(async (t: SdkDb) => {
      await t.collection('acc').doc('A').update({ bal: 0 });
      await t.collection('acc').add({ _id: 'ghost', bal: 1 });
      await t.collection('acc').doc('B').remove();
      await t.rollback('nope');
    }),
  ).rejects.toBe('nope');
  expect(await bal('A')).toBe(70);
  expect(await bal('B')).toBe(30);
  expect((await db.collection('acc').doc('ghost').get()).data).toEqual([]);
});

test('an add in a transaction takes one document, as CloudBase allows only single-record operations there', async () => {
  const tx = await db.startTransaction();
  expect(
    await errorCode(
      tx.collection('acc').add([
        { _id: 'pair-1', n: 1 },
        { _id: 'pair-2', n: 2 },
      ]),
    ),
  ).toBe('DATABASE_ACTION_NOT_SUPPORTED');
  await tx.collection('acc').add({ _id: 'single', n: 1 });
  await tx.rollback();
  expect((await db.collection('acc').doc('pair-1').get()).data).toEqual([]);
});

test('a query by condition in a transaction is refused: single-record operations only', async () => {
  const tx = await db.startTransaction();
  expect(await errorCode(tx.collection('acc').where({ bal: 0 }).get())).toBe('DATABASE_ACTION_NOT_SUPPORTED');
  expect((await tx.collection('acc').doc('A').get()).data).toEqual(expect.objectContaining({ _id: 'A' }));
  await tx.rollback();
});

test('startTransaction / set / add / remove / commit', async () => {
  const tx = await db.startTransaction();
  await tx.collection('acc').doc('T1').set({ bal: 5 });
  await tx.collection('acc').add({ _id: 'T2', bal: 6 });
  await tx
    .collection('acc')
    .doc('T2')
    .update({ bal: db.command.inc(1) });
  await tx.collection('acc').add({ _id: 'T3', bal: 1 });
  await tx.collection('acc').doc('T3').remove();
  expect((await tx.collection('acc').doc('T3').get()).data).toBeNull();
  expect(await bal('T1')).toBeUndefined();
  await tx.commit();
  expect(await bal('T1')).toBe(5);
  expect(await bal('T2')).toBe(7);
  expect(await bal('T3')).toBeUndefined();
  expect(await errorOf(tx.commit())).toEqual({
    code: 'DATABASE_TRANSACTION_FAIL',
    message: expect.stringMatching(/^transaction [0-9a-f]{32} is committed$/),
  });
});

test('snapshot read: a write committed after the transaction started is invisible inside it', async () => {
  const tx = await db.startTransaction();
  expect((await tx.collection('acc').doc('A').get()).data.bal).toBe(70);
  await db.collection('acc').doc('A').update({ bal: 71 });
  await db.collection('acc').add({ _id: 'late', bal: 1 });
  await db.collection('acc').doc('T1').remove();
  expect((await tx.collection('acc').doc('A').get()).data.bal).toBe(70);
  expect((await tx.collection('acc').doc('late').get()).data).toBeNull();
  expect((await tx.collection('acc').doc('T1').get()).data.bal).toBe(5);
  // writing a document changed by someone else after the start conflicts
  expect(await errorCode(tx.collection('acc').doc('A').update({ bal: 0 }))).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(await bal('A')).toBe(71);
  await tx.rollback();
});

test('two concurrent transactions writing one document: the second gets DATABASE_TRANSACTION_CONFLICT', async () => {
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  await t1.collection('acc').doc('C').update({ n: 1 });
  expect(await errorCode(t2.collection('acc').doc('C').update({ n: 2 }))).toBe('DATABASE_TRANSACTION_CONFLICT');
  await t1.commit();
  await t2.rollback();
  expect((await db.collection('acc').doc('C').get()).data[0].n).toBe(1);
});

test('a plain write after a transaction buffered the same document makes its commit conflict', async () => {
  const t = await db.startTransaction();
  await t.collection('acc').doc('C').update({ n: 50 });
  await db.collection('acc').doc('C').update({ n: 2 });
  expect(await errorCode(t.commit())).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await db.collection('acc').doc('C').get()).data[0].n).toBe(2);
});

test('concurrent runTransaction increments both land (retry on conflict)', async () => {
  await db.collection('acc').doc('C').set({ n: 0 });
  const starts = e.emu.stats().byAction['database.startTransaction'] ?? 0;
  const inc = () =>
    db.runTransaction(async (t: SdkDb) => {
      const cur = (await t.collection('acc').doc('C').get()).data.n as number;
      await new Promise((r) => setTimeout(r, 5));
      await t
        .collection('acc')
        .doc('C')
        .update({ n: cur + 1 });
    });
  await Promise.all([inc(), inc()]);
  expect((await db.collection('acc').doc('C').get()).data[0].n).toBe(2);
  // at least one of them had to retry
  expect((e.emu.stats().byAction['database.startTransaction'] ?? 0) - starts).toBeGreaterThan(2);
});

test('unknown, ended and expired transactions are errors', async () => {
  expect(e.emu.handle({ action: 'database.commitTransaction', transactionId: 'nope' })).toMatchObject({
    code: 'DATABASE_TRANSACTION_FAIL',
    message: 'transaction nope does not exist',
  });
  expect(
    e.emu.handle({
      action: 'database.getDocument',
      collectionName: 'acc',
      query: '{"_id":"A"}',
      queryType: 'DOC',
      transactionId: 'nope',
    }),
  ).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: 'transaction nope does not exist' });
  const tx = await db.startTransaction();
  await tx.collection('acc').doc('B').update({ bal: 999 });
  await new Promise((r) => setTimeout(r, 1700));
  await db.collection('acc').doc('A').get(); // any request sweeps expired transactions
  expect(await errorOf(tx.commit())).toEqual({
    code: 'DATABASE_TRANSACTION_FAIL',
    message: expect.stringMatching(/^transaction [0-9a-f]{32} is expired$/),
  });
  expect(await bal('B')).toBe(30);
  // its claim on B is released
  await db.runTransaction(async (t: SdkDb) => {
    await t.collection('acc').doc('B').update({ bal: 31 });
  });
  expect(await bal('B')).toBe(31);
});
