/**
 * Property test: index pushdown never changes results. The same random documents (mixed types,
 * arrays, nested paths, missing fields) live in an indexed and an unindexed collection; random
 * queries / sorts / skips / limits / counts / updates must give identical answers on both.
 */
import { index, startEmu, type Emu, type SdkDb } from './helpers';
import { seeded } from './random';

let e: Emu;
let db: SdkDb;

const { rand, pick } = seeded(20240611);

const SCALARS: unknown[] = [
  -2,
  -1,
  0,
  1,
  1.5,
  2,
  3,
  5,
  'a',
  'ab',
  'B',
  '',
  'z',
  true,
  false,
  new Date(0),
  new Date(1000),
  new Date(-1000),
  null,
];
const COMPLEX: unknown[] = [[1, 2], ['a'], [new Date(0), 3], [], { x: 1 }, [[1]]];
const MISSING = Symbol('missing');

function value(allowComplex: boolean): unknown {
  const r = rand();
  if (r < 0.12) return MISSING;
  if (allowComplex && r < 0.3) return pick(COMPLEX);
  return pick(SCALARS);
}

function makeDoc(i: number): Record<string, unknown> {
  const d: Record<string, unknown> = { _id: `d${String(i).padStart(3, '0')}` };
  const a = value(true);
  if (a !== MISSING) d['a'] = a;
  const b = value(false);
  if (b !== MISSING) d['b'] = b;
  const cd = value(true);
  const shape = rand();
  if (shape < 0.15) d['c'] = [{ d: cd === MISSING ? 1 : cd }, { d: 2 }];
  else if (shape < 0.25) d['c'] = 'flat';
  else if (cd !== MISSING) d['c'] = { d: cd };
  d['g'] = pick(['x', 'y']);
  return d;
}

const FIELDS = ['a', 'b', 'c.d', 'g'];

function term(_: SdkDb): Record<string, unknown> {
  const f = pick(FIELDS);
  const v = pick(SCALARS);
  const r = rand();
  if (r < 0.3) return { [f]: v === null ? 1 : v };
  if (r < 0.4) return { [f]: _.in([pick(SCALARS), pick(SCALARS), pick(SCALARS)].filter((x) => x !== null)) };
  if (r < 0.75) {
    const op = pick(['gt', 'gte', 'lt', 'lte']);
    const sv = v === null ? 0 : v;
    if (rand() < 0.3) {
      const op2 = pick(['gt', 'gte', 'lt', 'lte']);
      return { [f]: _[op](sv).and(_[op2](pick(SCALARS.filter((x) => x !== null)))) };
    }
    return { [f]: _[op](sv) };
  }
  if (r < 0.82) return { [f]: _.neq(v === null ? 1 : v) };
  if (r < 0.88) return { [f]: _.exists(rand() < 0.5) };
  if (r < 0.94) return { [f]: _.eq(pick(COMPLEX)) };
  return _.or([
    { [pick(FIELDS)]: pick(SCALARS.filter((x) => x !== null)) },
    { [pick(FIELDS)]: _.gt(pick([0, 'a', new Date(0)])) },
  ]);
}

function query(_: SdkDb): Record<string, unknown> {
  const n = 1 + Math.floor(rand() * 3);
  const terms = Array.from({ length: n }, () => term(_));
  if (terms.length === 1) return terms[0] as Record<string, unknown>;
  // same field twice must be combined with and()
  return _.and(terms);
}

beforeAll(async () => {
  e = await startEmu({
    indexes: { pi: [index('a', { a: 1 }), index('g_b', { g: 1, b: -1 }), index('cd', { 'c.d': 1 })] },
  });
  db = e.db;
  await db.createCollection('pu');
  const docs = Array.from({ length: 300 }, (_x, i) => makeDoc(i));
  await db.collection('pi').add(docs);
  await db.collection('pu').add(docs);
});
afterAll(async () => {
  await e.close();
});

test('random queries, sorts, skips and limits agree with and without indexes', async () => {
  const _ = db.command;
  let nonEmpty = 0;
  for (let i = 0; i < 250; i++) {
    const q = query(_);
    const sortKeys: Array<[string, string]> = [];
    const nSort = Math.floor(rand() * 3);
    for (let k = 0; k < nSort; k++) sortKeys.push([pick(FIELDS), pick(['asc', 'desc'])]);
    sortKeys.push(['_id', pick(['asc', 'desc'])]);
    const skip = rand() < 0.3 ? Math.floor(rand() * 5) : 0;
    const limit = 1 + Math.floor(rand() * 60);
    const run = async (coll: string) => {
      let c = db.collection(coll).where(q);
      for (const [f, d] of sortKeys) c = c.orderBy(f, d);
      const r = await c.skip(skip).limit(limit).get();
      return r.data.map((d: { _id: string }) => d._id);
    };
    const [x, y] = [await run('pi'), await run('pu')];
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      throw new Error(
        `mismatch for ${JSON.stringify(q)} sort ${JSON.stringify(sortKeys)} skip ${skip} limit ${limit}\nindexed: ${x}\nplain:   ${y}`,
      );
    }
    if (x.length > 0) nonEmpty++;
    const [cx, cy] = [await db.collection('pi').where(q).count(), await db.collection('pu').where(q).count()];
    expect(cx.total).toBe(cy.total);
  }
  expect(nonEmpty).toBeGreaterThan(50);
}, 60_000);

test('random multi-document updates and removes agree with and without indexes', async () => {
  const _ = db.command;
  for (let i = 0; i < 40; i++) {
    const q = query(_);
    const upd = { touched: _.inc(1), a: pick([_.set(pick(SCALARS)), _.inc(1), _.push(1)]) };
    const a = await db.collection('pi').where(q).update(upd);
    const b = await db.collection('pu').where(q).update(upd);
    expect(a.updated).toBe(b.updated);
    if (i % 8 === 7) {
      const qr = query(_);
      const ra = await db.collection('pi').where(qr).remove();
      const rb = await db.collection('pu').where(qr).remove();
      expect(ra.deleted).toBe(rb.deleted);
    }
  }
  const all = async (coll: string) => (await db.collection(coll).orderBy('_id', 'asc').limit(1000).get()).data;
  expect(await all('pi')).toEqual(await all('pu'));
}, 60_000);
