/** Every update command of the SDK. */
import { startEmu, type Emu, type SdkDb } from './helpers';

let e: Emu;
let db: SdkDb;
let _: SdkDb;
beforeAll(async () => {
  e = await startEmu();
  db = e.db;
  _ = db.command;
  await db.createCollection('u');
});
afterAll(async () => {
  await e.close();
});

async function after(id: string, init: Record<string, unknown>, update: unknown): Promise<Record<string, unknown>> {
  const c = db.collection('u');
  await c.doc(id).set(init);
  await c.doc(id).update(update);
  const r = await c.doc(id).get();
  return r.data[0];
}

test('set (object replaced as a whole) / plain nested merge', async () => {
  expect(await after('s1', { o: { a: 1, b: 2 } }, { o: _.set({ c: 3 }) })).toEqual({ _id: 's1', o: { c: 3 } });
  expect(await after('s2', { o: { a: 1, b: 2 } }, { o: { c: 3 } })).toEqual({ _id: 's2', o: { a: 1, b: 2, c: 3 } });
});
test('inc / mul', async () => {
  expect(await after('i1', { n: 1, m: 3 }, { n: _.inc(5), m: _.mul(4), z: _.inc(2) })).toEqual({
    _id: 'i1',
    n: 6,
    m: 12,
    z: 2,
  });
  expect(await after('i2', { n: 1.5 }, { n: _.inc(-0.25) })).toEqual({ _id: 'i2', n: 1.25 });
});
test('remove', async () => {
  expect(await after('r1', { a: 1, b: 2 }, { b: _.remove() })).toEqual({ _id: 'r1', a: 1 });
});
test('push (values, each/position/slice/sort) / pop / shift / unshift', async () => {
  expect(await after('p1', { a: [1] }, { a: _.push([2, 3]) })).toEqual({ _id: 'p1', a: [1, 2, 3] });
  expect(await after('p2', { a: [1] }, { a: _.push(2) })).toEqual({ _id: 'p2', a: [1, 2] });
  expect(await after('p3', { a: [5, 1] }, { a: _.push({ each: [3, 9], position: 1 }) })).toEqual({
    _id: 'p3',
    a: [5, 3, 9, 1],
  });
  expect(await after('p4', { a: [5, 1] }, { a: _.push({ each: [3, 9], sort: 1, slice: 3 }) })).toEqual({
    _id: 'p4',
    a: [1, 3, 5],
  });
  expect(await after('p5', { a: [1, 2, 3] }, { a: _.pop() })).toEqual({ _id: 'p5', a: [1, 2] });
  expect(await after('p6', { a: [1, 2, 3] }, { a: _.shift() })).toEqual({ _id: 'p6', a: [2, 3] });
  expect(await after('p7', { a: [3] }, { a: _.unshift([1, 2]) })).toEqual({ _id: 'p7', a: [1, 2, 3] });
});
test('addToSet / pull / pullAll', async () => {
  expect(await after('a1', { a: [1, 2] }, { a: _.addToSet(2) })).toEqual({ _id: 'a1', a: [1, 2] });
  expect(await after('a2', { a: [1, 2] }, { a: _.addToSet(3) })).toEqual({ _id: 'a2', a: [1, 2, 3] });
  expect(await after('a3', { a: [1] }, { a: _.addToSet({ $each: [1, 4, 5] }) })).toEqual({ _id: 'a3', a: [1, 4, 5] });
  expect(await after('a4', { a: [1, 5, 2, 7] }, { a: _.pull(_.gt(4)) })).toEqual({ _id: 'a4', a: [1, 2] });
  expect(await after('a5', { a: [1, 2, 1] }, { a: _.pull(1) })).toEqual({ _id: 'a5', a: [2] });
  expect(await after('a6', { a: [1, 2, 3, 1] }, { a: _.pullAll([1, 3]) })).toEqual({ _id: 'a6', a: [2] });
  expect(await after('a7', { a: [{ x: 1 }, { x: 2 }] }, { a: _.pull({ x: 2 }) })).toEqual({ _id: 'a7', a: [{ x: 1 }] });
});
test('min / max (numbers and dates)', async () => {
  expect(await after('m1', { a: 5, b: 5 }, { a: _.min(3), b: _.max(3) })).toEqual({ _id: 'm1', a: 3, b: 5 });
  expect(await after('m2', { a: 5, b: 5 }, { a: _.min(7), b: _.max(7) })).toEqual({ _id: 'm2', a: 5, b: 7 });
  expect(await after('m3', { d: new Date(1000) }, { d: _.max(new Date(2000)) })).toEqual({
    _id: 'm3',
    d: new Date(2000),
  });
});
test('rename', async () => {
  expect(await after('n1', { a: 1, o: { x: 2 } }, { a: _.rename('b'), 'o.x': _.rename('o.y') })).toEqual({
    _id: 'n1',
    b: 1,
    o: { y: 2 },
  });
});
test('an update that changes nothing reports updated 0', async () => {
  const c = db.collection('u');
  await c.doc('z1').set({ a: 5 });
  expect((await c.doc('z1').update({ a: _.max(1) })).updated).toBe(0);
  expect((await c.doc('z1').update({ a: _.max(9) })).updated).toBe(1);
});
test('where().update with operators on several documents', async () => {
  const c = db.collection('u');
  await c.add([
    { grp: 'w', v: 1 },
    { grp: 'w', v: 2 },
    { grp: 'x', v: 3 },
  ]);
  expect((await c.where({ grp: 'w' }).update({ v: _.inc(10), tags: _.push('t') })).updated).toBe(2);
  const r = await c.where({ grp: 'w' }).orderBy('v', 'asc').get();
  expect(r.data.map((d: { v: number; tags: string[] }) => [d.v, d.tags])).toEqual([
    [11, ['t']],
    [12, ['t']],
  ]);
});
