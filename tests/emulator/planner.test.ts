/** The planner pushes indexed conditions and sorts to SQLite indexes (white-box). */
import { plan } from '../../emulator/db/planner';
import { Storage } from '../../emulator/db/storage';
import { decodeDoc, encodeValue } from '../../emulator/db/ejson-codec';

function explain(s: Storage, sql: string, params: unknown[]): string {
  const rows = s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join(' | ');
}

test('equality + range + sort on a composite index streams from the index', () => {
  const s = new Storage(':memory:');
  const c = s.ensure('wishes', [
    {
      name: 'comm_at',
      keys: [
        { field: 'communityId', order: 1 },
        { field: 'createdAt', order: -1 },
      ],
    },
  ]);
  for (let i = 0; i < 50; i++) {
    const doc = decodeDoc(encodeValue({ _id: `w${i}`, communityId: `c${i % 3}`, createdAt: new Date(i * 1000) }));
    c.insert(doc['_id'] as string, doc, encodeValue(doc));
  }
  const p = plan(c, { communityId: 'c1', createdAt: { $gte: new Date(5000) } }, [['createdAt', -1]]);
  expect(p.pushed).toBe(2);
  expect(p.ordered).toBe(true);
  const ex = explain(s, p.sql, p.params);
  expect(ex).toMatch(/USING INDEX/);
  expect(ex).not.toMatch(/TEMP B-TREE/);
  // the range bounds the index search itself (its bounds are written `+?`)
  expect(ex).toMatch(/k0=\? AND k1[<>]\?/);
  expect(p.sql).toMatch(/\+\?/);

  // an array value in the sort field disables SQL ordering but keeps the filter a superset
  const arr = decodeDoc(encodeValue({ _id: 'arr', communityId: 'c1', createdAt: [new Date(1)] }));
  c.insert('arr', arr, encodeValue(arr));
  const p2 = plan(c, { communityId: 'c1', createdAt: { $gte: new Date(5000) } }, [['createdAt', -1]]);
  expect(p2.ordered).toBe(false);
  expect(p2.sql).toMatch(/x'ff'/);
  // unindexed field: nothing pushed
  expect(plan(c, { other: 1 }, []).pushed).toBe(0);
  s.close();
});

test("a user's overlapping sign-ups are read through the user's index, bounded by the range", () => {
  const s = new Storage(':memory:');
  const c = s.ensure('signups', [
    {
      name: 'user_start',
      keys: [
        { field: 'userId', order: 1 },
        { field: 'startAt', order: 1 },
      ],
    },
    {
      name: 'state_end',
      keys: [
        { field: 'state', order: 1 },
        { field: 'endAt', order: 1 },
      ],
    },
  ]);
  const p = plan(
    c,
    {
      userId: 'u1',
      state: { $in: ['confirmed', 'checked_in'] },
      startAt: { $lt: new Date(5000) },
      endAt: { $gt: new Date(1000) },
    },
    [],
  );
  expect(p.pushed).toBe(4);
  expect(explain(s, p.sql, p.params)).toMatch(/USING INDEX \S+_user_start \(k0=\? AND k1>\? AND k1<\?\)/);
  s.close();
});
