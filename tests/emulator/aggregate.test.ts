/** Aggregation: match/group/sort/skip/limit/project/count/lookup/unwind/addFields. */
import { errorCode, index, startEmu, type Emu, type SdkDb } from './helpers';

let e: Emu;
let db: SdkDb;
beforeAll(async () => {
  e = await startEmu({ indexes: { orders: [index('cust', { cust: 1 })] } });
  db = e.db;
  await db.createCollection('customers');
  await db.collection('customers').add([
    { _id: 'c1', name: 'Ann' },
    { _id: 'c2', name: 'Bo' },
  ]);
  await db.collection('orders').add([
    { _id: 'o1', cust: 'c1', amt: 10, items: ['x', 'y'], at: new Date(1000) },
    { _id: 'o2', cust: 'c1', amt: 20, items: ['y'], at: new Date(2000) },
    { _id: 'o3', cust: 'c2', amt: 5, items: [], at: new Date(3000) },
    { _id: 'o4', cust: 'c3', amt: 7, items: ['z'], at: new Date(4000) },
  ]);
});
afterAll(async () => {
  await e.close();
});

test('match / group / sort / skip / limit / project', async () => {
  const $ = db.command.aggregate;
  const r = await db
    .collection('orders')
    .aggregate()
    .match({ amt: db.command.gte(5) })
    .group({ _id: '$cust', total: $.sum('$amt'), n: $.sum(1) })
    .sort({ total: -1 })
    .skip(1)
    .limit(2)
    .project({ _id: 0, cust: '$_id', total: 1 })
    .end();
  expect(r.data).toEqual([
    { cust: 'c3', total: 7 },
    { cust: 'c2', total: 5 },
  ]);
});

test('count', async () => {
  const r = await db.collection('orders').aggregate().match({ cust: 'c1' }).count('n').end();
  expect(r.data).toEqual([{ n: 2 }]);
});

test('lookup from another collection', async () => {
  const r = await db
    .collection('orders')
    .aggregate()
    .match({ cust: db.command.in(['c1', 'c3']) })
    .lookup({ from: 'customers', localField: 'cust', foreignField: '_id', as: 'customer' })
    .sort({ _id: 1 })
    .project({ customer: 1 })
    .end();
  expect(r.data).toEqual([
    { _id: 'o1', customer: [{ _id: 'c1', name: 'Ann' }] },
    { _id: 'o2', customer: [{ _id: 'c1', name: 'Ann' }] },
    { _id: 'o4', customer: [] },
  ]);
});

test('a lookup mixing localField with a pipeline is refused, as CloudBase documents only the two separate forms', async () => {
  const $ = db.command.aggregate;
  const mixed = db
    .collection('orders')
    .aggregate()
    .lookup({
      from: 'customers',
      localField: 'cust',
      foreignField: '_id',
      pipeline: $.pipeline().match({ name: 'Ann' }).done(),
      as: 'customer',
    })
    .end();
  expect(await errorCode(mixed)).toBe('INVALID_PARAM');
  const nested = db
    .collection('customers')
    .aggregate()
    .lookup({
      from: 'orders',
      pipeline: $.pipeline()
        .lookup({ from: 'customers', localField: 'cust', pipeline: [], as: 'c' } as never)
        .done(),
      as: 'orders',
    })
    .end();
  expect(await errorCode(nested)).toBe('INVALID_PARAM');
});

test('lookup after other stages joins by the values those stages produced, array fields included', async () => {
  const r = await db
    .collection('customers')
    .aggregate()
    .match({ _id: 'c1' })
    .lookup({ from: 'orders', localField: '_id', foreignField: 'cust', as: 'orders' })
    .project({ _id: 1, ids: '$orders._id' })
    .lookup({ from: 'orders', localField: 'ids', foreignField: '_id', as: 'again' })
    .project({ ids: 1, n: db.command.aggregate.size('$again') })
    .end();
  expect(r.data).toEqual([{ _id: 'c1', ids: ['o1', 'o2'], n: 2 }]);
});

test('a match, a limit and lookups (how an action reads a document with what it owns) join like the general path', async () => {
  await db.createCollection('tags');
  await db.collection('tags').add([
    { _id: 't1', owners: ['c1', 'c2'] },
    { _id: 't2', owners: ['c2'] },
  ]);
  const r = await db
    .collection('customers')
    .aggregate()
    .match({ _id: db.command.in(['c1', 'c2']) })
    .limit(5)
    .lookup({ from: 'orders', localField: '_id', foreignField: 'cust', as: 'orders' })
    .lookup({ from: 'tags', localField: '_id', foreignField: 'owners', as: 'tags' })
    .lookup({ from: 'nowhere', localField: '_id', foreignField: 'x', as: 'none' })
    .end();
  const shape = (
    r.data as Array<{ _id: string; orders: Array<{ _id: string }>; tags: Array<{ _id: string }>; none: unknown[] }>
  )
    .map((d) => ({
      id: d._id,
      orders: d.orders.map((o) => o._id).sort(),
      tags: d.tags.map((t) => t._id).sort(),
      none: d.none,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  expect(shape).toEqual([
    { id: 'c1', orders: ['o1', 'o2'], tags: ['t1'], none: [] },
    { id: 'c2', orders: ['o3'], tags: ['t1', 't2'], none: [] },
  ]);
});

test('a join key made with $concat and a sorted, limited sub-pipeline (how a mover reads their sign-up and the waitlist heads) give what the general path gives', async () => {
  const $ = db.command.aggregate;
  const read = (general: boolean) => {
    let q = db
      .collection('customers')
      .aggregate()
      .match({ _id: db.command.in(['c1', 'c2']) })
      .limit(5)
      .addFields({ _key: $.concat(['o', '$_id']) })
      .lookup({ from: 'orders', localField: '_key', foreignField: 'cust', as: 'byKey' })
      .lookup({
        from: 'orders',
        pipeline: $.pipeline()
          .match({ amt: db.command.gte(5) })
          .sort({ amt: -1 })
          .limit(2)
          .done(),
        as: 'top',
      });
    // A stage the fast path does not take sends the same pipeline down the general one.
    if (general) q = q.addFields({ _general: true });
    return q.end();
  };
  const fast = (await read(false)).data as Array<Record<string, unknown>>;
  const general = ((await read(true)).data as Array<Record<string, unknown>>).map(({ _general, ...d }) => d);
  expect(fast).toEqual(general);
  expect(fast.map((d) => [d._id, d._key, (d.top as Array<{ _id: string }>).map((o) => o._id)])).toEqual([
    ['c1', 'oc1', ['o2', 'o1']],
    ['c2', 'oc2', ['o2', 'o1']],
  ]);
  // A $match, $sort and $limit alone read like a find: the first documents in that order.
  const sorted = async (skip: boolean) => {
    let q = db.collection('orders').aggregate().match({ cust: 'c1' }).sort({ at: -1 });
    if (skip) q = q.skip(0);
    return (await q.limit(1).end()).data;
  };
  expect(await sorted(false)).toEqual(await sorted(true));
  expect(await sorted(false)).toEqual([expect.objectContaining({ _id: 'o2' })]);
});

test("a lookup with let whose pipeline opens with a $expr equality (how a sign-up reads the caller's upcoming places) gives what the general path gives", async () => {
  const _ = db.command;
  const $ = _.aggregate;
  const read = (general: boolean) => {
    let q = db
      .collection('customers')
      .aggregate()
      .match({ _id: _.in(['c1', 'c2', 'c9']) })
      .limit(5)
      .lookup({
        from: 'orders',
        let: { who: '$_id' },
        pipeline: $.pipeline()
          .match(_.expr($.eq(['$cust', '$$who'])))
          .match({ amt: _.gte(6), at: _.gt(new Date(500)) })
          .sort({ at: -1 })
          .limit(1)
          .done(),
        as: 'latest',
      })
      .lookup({
        from: 'orders',
        let: { who: '$_id' },
        pipeline: $.pipeline()
          .match(_.expr($.eq(['$$who', '$cust'])))
          .done(),
        as: 'all',
      });
    if (general) q = q.addFields({ _general: true });
    return q.end();
  };
  const fast = (await read(false)).data as Array<Record<string, unknown>>;
  const general = ((await read(true)).data as Array<Record<string, unknown>>).map(({ _general, ...d }) => d);
  const ids = (list: unknown) => (list as Array<{ _id: string }>).map((o) => o._id).sort();
  expect(fast.map((d) => [d._id, ids(d.latest), ids(d.all)])).toEqual([
    ['c1', ['o2'], ['o1', 'o2']],
    ['c2', [], ['o3']],
  ]);
  expect(fast.map((d) => [d._id, ids(d.latest), ids(d.all)])).toEqual(
    general.map((d) => [d._id, ids(d.latest), ids(d.all)]),
  );
});

test("a sorted, limited page with each row's joins (how a member's ledger page reads each entry's reversal) gives what the general path gives", async () => {
  const $ = db.command.aggregate;
  const read = (general: boolean) => {
    let q = db
      .collection('orders')
      .aggregate()
      .match({ amt: db.command.gte(5) })
      .sort({ at: -1, _id: -1 })
      .limit(3)
      .addFields({ _owner: $.concat(['c', '$cust']) })
      .lookup({ from: 'customers', localField: 'cust', foreignField: '_id', as: 'customer' });
    if (general) q = q.addFields({ _general: true });
    return q.end();
  };
  const fast = (await read(false)).data as Array<Record<string, unknown>>;
  const general = ((await read(true)).data as Array<Record<string, unknown>>).map(({ _general, ...d }) => d);
  expect(fast).toEqual(general);
  expect(fast.map((d) => [d._id, (d.customer as Array<{ _id: string }>).map((c) => c._id)])).toEqual([
    ['o4', []],
    ['o3', ['c2']],
    ['o2', ['c1']],
  ]);
});

test('unwind / addFields, and dates survive the pipeline', async () => {
  const r = await db
    .collection('orders')
    .aggregate()
    .unwind('$items')
    .addFields({ double: db.command.aggregate.multiply(['$amt', 2]) })
    .sort({ _id: 1, items: 1 })
    .project({ items: 1, double: 1, at: 1 })
    .end();
  expect(r.data).toEqual([
    { _id: 'o1', items: 'x', double: 20, at: new Date(1000) },
    { _id: 'o1', items: 'y', double: 20, at: new Date(1000) },
    { _id: 'o2', items: 'y', double: 40, at: new Date(2000) },
    { _id: 'o4', items: 'z', double: 14, at: new Date(4000) },
  ]);
});

test('a lookup with its own pipeline and no let joins the same result to every document: several aggregations in one request', async () => {
  const _ = db.command;
  const $ = _.aggregate;
  const r = await db
    .collection('customers')
    .aggregate()
    .match({ _id: 'c1' })
    .limit(1)
    .project({ _id: 1 })
    .lookup({
      from: 'orders',
      pipeline: $.pipeline()
        .match({ at: _.gte(new Date(2000)) })
        .group({ _id: null, total: $.sum('$amt'), n: $.sum(1) })
        .project({ _id: 0 })
        .done(),
      as: 'late',
    })
    .lookup({
      from: 'orders',
      // Its own $lookup joins by field inside the sub-pipeline.
      pipeline: $.pipeline()
        .match({ cust: _.in(['c1', 'c2']) })
        .lookup({ from: 'customers', localField: 'cust', foreignField: '_id', as: 'c' })
        .unwind('$c')
        .sort({ amt: 1 })
        .group({ _id: null, names: $.push('$c.name') })
        .project({ _id: 0, names: 1 })
        .done(),
      as: 'names',
    })
    .lookup({ from: 'nowhere', pipeline: $.pipeline().match({}).done(), as: 'none' })
    .end();
  expect(r.data).toEqual([
    {
      _id: 'c1',
      late: [{ total: 32, n: 3 }],
      names: [{ names: ['Bo', 'Ann', 'Ann'] }],
      none: [],
    },
  ]);
});

test('a lookup by an array field joins each matching document once, and nothing for the elements that match nothing', async () => {
  const r = await db
    .collection('customers')
    .aggregate()
    .match({ _id: 'c1' })
    .addFields({ wanted: ['o1', 'nope', 'o3', 'o1'] })
    .lookup({ from: 'orders', localField: 'wanted', foreignField: '_id', as: 'orders' })
    .project({ ids: '$orders._id' })
    .end();
  expect(r.data).toEqual([{ _id: 'c1', ids: ['o1', 'o3'] }]);
});
