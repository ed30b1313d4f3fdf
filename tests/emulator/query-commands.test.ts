/** Every query command of the SDK, checked against hand-computed results. */
import { index, startEmu, type Emu, type SdkDb } from './helpers';

let e: Emu;
let db: SdkDb;
const docs = [
  {
    _id: 'a',
    n: 1,
    s: 'apple',
    tags: ['x', 'y'],
    nested: { b: 1, c: 'k' },
    items: [
      { p: 1, q: 'a' },
      { p: 5, q: 'b' },
    ],
    opt: 1,
  },
  { _id: 'b', n: 2, s: 'Banana', tags: ['y'], nested: { b: 2, c: 'k' }, items: [{ p: 2, q: 'a' }] },
  { _id: 'c', n: 3, s: 'cherry', tags: [], nested: { b: 3 }, items: [], opt: null },
  { _id: 'd', n: 4, s: 'date', tags: ['x', 'y', 'z'], nested: { b: 4, c: 'm' }, items: [{ p: 9, q: 'c' }] },
  { _id: 'e', n: 5, s: 'elder', nested: { b: 5 }, opt: 'v' },
];

async function ids(query: unknown): Promise<string[]> {
  const r = await db.collection('q').where(query).get();
  return r.data.map((d: { _id: string }) => d._id).sort();
}

beforeAll(async () => {
  e = await startEmu({ indexes: { qi: [index('n', { n: 1, 'nested.b': -1 })] } });
  db = e.db;
  await db.createCollection('q');
  await db.collection('q').add(docs);
  await db.collection('qi').add(docs);
});
afterAll(async () => {
  await e.close();
});

describe.each([
  ['unindexed', 'q'],
  ['indexed', 'qi'],
])('query commands (%s)', (_label, coll) => {
  let _: SdkDb;
  beforeAll(() => {
    _ = db.command;
  });
  const run = async (query: unknown): Promise<string[]> => {
    const r = await db.collection(coll).where(query).get();
    return r.data.map((d: { _id: string }) => d._id).sort();
  };

  test('eq / neq', async () => {
    expect(await run({ n: _.eq(2) })).toEqual(['b']);
    expect(await run({ n: 2 })).toEqual(['b']);
    expect(await run({ n: _.neq(2) })).toEqual(['a', 'c', 'd', 'e']);
  });
  test('gt gte lt lte and chained and()', async () => {
    expect(await run({ n: _.gt(3) })).toEqual(['d', 'e']);
    expect(await run({ n: _.gte(3) })).toEqual(['c', 'd', 'e']);
    expect(await run({ n: _.lt(2) })).toEqual(['a']);
    expect(await run({ n: _.lte(2) })).toEqual(['a', 'b']);
    expect(await run({ n: _.gt(1).and(_.lt(4)) })).toEqual(['b', 'c']);
    expect(await run({ s: _.gt('c') })).toEqual(['c', 'd', 'e']);
  });
  test('in / nin', async () => {
    expect(await run({ n: _.in([1, 3, 9]) })).toEqual(['a', 'c']);
    expect(await run({ n: _.nin([1, 3, 9]) })).toEqual(['b', 'd', 'e']);
    expect(await run({ tags: _.in(['z']) })).toEqual(['d']);
  });
  test('and / or (command and top-level)', async () => {
    expect(await run(_.or([{ n: 1 }, { s: 'date' }]))).toEqual(['a', 'd']);
    expect(await run(_.and([{ n: _.gt(1) }, { n: _.lt(3) }]))).toEqual(['b']);
    expect(await run({ n: _.or(_.lt(2), _.gt(4)) })).toEqual(['a', 'e']);
    expect(await run(_.or([{ n: _.lt(2) }, { 'nested.c': 'm' }]).and([{ s: _.neq('apple') }]))).toEqual(['d']);
  });
  test('exists', async () => {
    expect(await run({ opt: _.exists(true) })).toEqual(['a', 'c', 'e']);
    expect(await run({ opt: _.exists(false) })).toEqual(['b', 'd']);
  });
  test('size / all / elemMatch', async () => {
    expect(await run({ tags: _.size(2) })).toEqual(['a']);
    expect(await run({ tags: _.size(0) })).toEqual(['c']);
    expect(await run({ tags: _.all(['x', 'y']) })).toEqual(['a', 'd']);
    expect(await run({ items: _.elemMatch({ p: _.gt(1), q: 'a' }) })).toEqual(['b']);
    expect(await run({ items: _.elemMatch({ p: _.gte(5) }) })).toEqual(['a', 'd']);
  });
  test('array field equality matches elements', async () => {
    expect(await run({ tags: 'y' })).toEqual(['a', 'b', 'd']);
    expect(await run({ 'items.q': 'a' })).toEqual(['a', 'b']);
  });
  test('RegExp via JS regex and db.RegExp', async () => {
    expect(await run({ s: /^b/i })).toEqual(['b']);
    expect(await run({ s: /^b/ })).toEqual([]);
    expect(await run({ s: db.RegExp({ regexp: 'E', options: 'i' }) })).toEqual(['a', 'c', 'd', 'e']);
    expect(await run({ s: db.RegExp({ regexp: 'rr' }) })).toEqual(['c']);
  });
  test('nested paths: object form and dotted form', async () => {
    expect(await run({ nested: { c: 'k' } })).toEqual(['a', 'b']);
    expect(await run({ 'nested.c': 'k' })).toEqual(['a', 'b']);
    expect(await run({ 'nested.b': _.gte(4) })).toEqual(['d', 'e']);
    expect(await run({ nested: { b: _.lt(2) } })).toEqual(['a']);
  });
});

test('helper ids() sanity', async () => {
  expect(await ids({})).toEqual(['a', 'b', 'c', 'd', 'e']);
});
