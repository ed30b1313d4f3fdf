/** serverDate and Date values: round-trip, sort and range queries, with and without an index. */
import { index, startEmu, type Emu, type SdkDb } from './helpers';

let e: Emu;
let db: SdkDb;
beforeAll(async () => {
  e = await startEmu({ indexes: { evi: [index('at', { g: 1, at: -1 })] } });
  db = e.db;
  await db.createCollection('ev');
});
afterAll(async () => {
  await e.close();
});

test('serverDate() is now (and honours offset) on add and update', async () => {
  const c = db.collection('ev');
  const before = Date.now();
  const r = await c.add({ s: db.serverDate(), later: db.serverDate({ offset: 60_000 }) });
  const after = Date.now();
  const d = (await c.doc(r.id).get()).data[0];
  expect(d.s).toBeInstanceOf(Date);
  expect(d.s.getTime()).toBeGreaterThanOrEqual(before - 5);
  expect(d.s.getTime()).toBeLessThanOrEqual(after + 5);
  expect(d.later.getTime() - d.s.getTime()).toBeGreaterThanOrEqual(59_990);
  expect(d.later.getTime() - d.s.getTime()).toBeLessThanOrEqual(60_010);
  await c.doc(r.id).update({ u: db.serverDate({ offset: -1000 }) });
  const d2 = (await c.doc(r.id).get()).data[0];
  expect(Math.abs(d2.u.getTime() - (Date.now() - 1000))).toBeLessThan(2000);
});

test('serverDate uses the injected clock', async () => {
  const fixed = await (await import('./helpers')).startEmu({ now: () => 1_000_000 });
  try {
    await fixed.db.createCollection('t');
    const r = await fixed.db.collection('t').add({ s: fixed.db.serverDate({ offset: 5 }) });
    expect((await fixed.db.collection('t').doc(r.id).get()).data[0].s).toEqual(new Date(1_000_005));
  } finally {
    await fixed.close();
  }
});

describe.each([
  ['unindexed', 'ev'],
  ['indexed', 'evi'],
])('dates (%s)', (_l, coll) => {
  const base = Date.UTC(2024, 0, 1);
  beforeAll(async () => {
    const docs = [];
    for (let i = 0; i < 20; i++)
      docs.push({
        _id: `d${i}`,
        g: i % 2 === 0 ? 'even' : 'odd',
        at: new Date(base + ((i * 7919) % 20) * 3600_000),
        i,
      });
    // values of other types in the same field must not leak into date ranges
    docs.push({ _id: 'num', g: 'even', at: base + 5 * 3600_000, i: 100 });
    docs.push({ _id: 'str', g: 'even', at: '2024-01-01T05:00:00Z', i: 101 });
    docs.push({ _id: 'old', g: 'even', at: new Date(-86_400_000), i: 102 });
    await db.collection(coll).add(docs);
  });

  test('round-trip as Date', async () => {
    const d = (await db.collection(coll).doc('old').get()).data[0];
    expect(d.at).toEqual(new Date(-86_400_000));
  });

  test('range + sort on dates with equality on another field', async () => {
    const _ = db.command;
    const r = await db
      .collection(coll)
      .where({ g: 'even', at: _.gte(new Date(base + 3 * 3600_000)).and(_.lt(new Date(base + 12 * 3600_000))) })
      .orderBy('at', 'desc')
      .limit(20)
      .get();
    const hours = r.data.map((d: { at: Date }) => (d.at.getTime() - base) / 3600_000);
    expect(r.data.every((d: { at: unknown }) => d.at instanceof Date)).toBe(true);
    expect(hours).toEqual([...hours].sort((a, b) => b - a));
    const expected = [];
    for (let i = 0; i < 20; i += 2) {
      const h = (i * 7919) % 20;
      if (h >= 3 && h < 12) expected.push(h);
    }
    expect(hours).toEqual(expected.sort((a, b) => b - a));
  });

  test('sort across types follows MongoDB order (numbers < strings < dates)', async () => {
    const r = await db.collection(coll).where({ g: 'even' }).orderBy('at', 'asc').limit(3).get();
    expect(r.data.map((d: { _id: string }) => d._id)).toEqual(['num', 'str', 'old']);
  });
});
