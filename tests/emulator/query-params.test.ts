/**
 * The database protocol refuses what CloudBase refuses in a query's parameters: an order
 * direction other than 1/-1 (`{ field: dir }`, what the SDK's orderBy sends) or `asc`/`desc`
 * (`[{ field, direction }]`), an empty order field, a negative or
 * fractional offset/limit — each INVALID_PARAM, never silently sorted or clamped; a limit over
 * 1000 returns at most 1000 (the documented ceiling).
 */
import { EJSON } from 'bson';
import { startEmu, type Emu } from './helpers';

let e: Emu;
beforeAll(async () => {
  e = await startEmu();
  await e.db.createCollection('items');
  await e.db.collection('items').add([{ n: 2 }, { n: 1 }, { n: 3 }]);
});
afterAll(async () => {
  await e.close();
});

const get = (params: Record<string, unknown>) =>
  e.emu.handle({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', ...params }) as {
    code?: string;
    message?: string;
    data?: { list: string[]; limit: number };
  };
const order = (value: unknown) => JSON.stringify(value);
const invalid = (message: string) => ({ code: 'INVALID_PARAM', message });
const ns = (reply: ReturnType<typeof get>) => (reply.data?.list ?? []).map((t) => (EJSON.parse(t) as { n: number }).n);

test('sorts by asc and desc, in both forms, and through the SDK', async () => {
  expect(ns(get({ order: order([{ field: 'n', direction: 'asc' }]) }))).toEqual([1, 2, 3]);
  expect(ns(get({ order: order([{ field: 'n', direction: 'desc' }]) }))).toEqual([3, 2, 1]);
  expect(ns(get({ order: order({ n: 1 }) }))).toEqual([1, 2, 3]);
  expect(ns(get({ order: order({ n: -1 }) }))).toEqual([3, 2, 1]);
  const viaSdk = await e.db.collection('items').orderBy('n', 'desc').get();
  expect(viaSdk.data.map((d: { n: number }) => d.n)).toEqual([3, 2, 1]);
});

test.each([['sideways'], ['DESC'], ['Asc'], [0], [2], [null], [{}]])(
  'refuses the order direction %p with INVALID_PARAM',
  (direction) => {
    const reply = get({ order: order([{ field: 'n', direction }]) });
    expect(reply).toMatchObject(invalid('order direction must be asc or desc'));
    expect(reply.data).toBeUndefined();
    expect(get({ order: order({ n: direction }) })).toMatchObject(invalid('order direction must be 1 or -1'));
  },
);

test('refuses a direction of the other form: 1/-1 in a list, asc/desc in an object', () => {
  expect(get({ order: order([{ field: 'n', direction: -1 }]) })).toMatchObject(
    invalid('order direction must be asc or desc'),
  );
  expect(get({ order: order({ n: 'desc' }) })).toMatchObject(invalid('order direction must be 1 or -1'));
});

test('refuses an order without a field name', () => {
  expect(get({ order: order([{ field: '', direction: 'asc' }]) })).toMatchObject(
    invalid('order field must be a non-empty string'),
  );
  expect(get({ order: order([{ direction: 'asc' }]) })).toMatchObject(
    invalid('order field must be a non-empty string'),
  );
  expect(get({ order: order('n') })).toMatchObject(invalid('order must be an object'));
});

test('refuses a negative or fractional offset and limit', () => {
  for (const bad of [-1, 1.5, 'x']) {
    expect(get({ offset: bad })).toMatchObject(invalid('offset must be a non-negative integer'));
    expect(get({ limit: bad })).toMatchObject(invalid('limit must be a non-negative integer'));
  }
});

test('a limit over 1000 returns at most 1000, as CloudBase documents', () => {
  expect(get({ limit: 5000 }).data?.limit).toBe(1000);
});
