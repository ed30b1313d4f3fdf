/**
 * database/queries.json lists the query shapes the timers and the hot actions send (ADR 0022):
 * here the emulator records every query while the demo community runs each timer trigger of
 * cloudbaserc.json and each hot action, and the file must list exactly those. After a change to
 * a job or a hot action, rewrite it with `HONGSE_WRITE_QUERIES=1 npx jest tests/deploy/queries`
 * (then `npm run check:deploy` says which of them lacks an index).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, isPlainObject, reviveValue, type Doc } from '../../emulator/db/ejson-codec';
import { indexGaps } from '../../scripts/check-deploy';
import { mergeShapes, shapesOf, type Order, type QueryShape } from '../../scripts/lib/query-index';
import { setTopic, topicIn } from '../deliberation/helpers';
import { DEMO, demoPersonas as P, startFixture, type Fixture } from '../support/fixtures';
import { publish } from '../volunteer/helpers';
import { wishIn } from '../wish/helpers';

const root = join(__dirname, '..', '..');
const queriesFile = join(root, 'database', 'queries.json');

const QUERY_ACTIONS = new Set([
  'database.getDocument',
  'database.calculateDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
]);

function decoded(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? decodeText(v) : reviveValue(v, Date.now);
}

function sortOf(v: unknown): Array<{ field: string; order: Order }> {
  const d = decoded(v);
  if (Array.isArray(d)) {
    return d.filter(isPlainObject).map((o) => ({ field: String(o.field), order: o.direction === 'desc' ? -1 : 1 }));
  }
  if (isPlainObject(d)) return Object.entries(d).map(([field, dir]) => ({ field, order: dir === -1 ? -1 : 1 }));
  return [];
}

/** The query shapes one database request carries (none for writes by id, inserts, transactions). */
function shapesOfRequest(body: Record<string, unknown>, from: string): QueryShape[] {
  const action = body.action as string;
  const collection = body.collectionName as string;
  if (QUERY_ACTIONS.has(action)) {
    const query = decoded(body.query);
    return shapesOf(collection, isPlainObject(query) ? query : {}, sortOf(body.order), from);
  }
  if (action !== 'database.aggregate' && action !== 'database.aggregateDocuments') return [];
  const stages = (Array.isArray(body.stages) ? body.stages : []).filter(isPlainObject).map((s) => ({
    key: String(s.stageKey),
    value: decoded(s.stageValue),
  }));
  return pipelineShapes(collection, stages, from);
}

/**
 * The query shapes of an aggregation on `collection`: its leading `$match` (with the `$sort`
 * after it), each `$lookup`'s join field, and — recursively — the leading `$match` of each
 * `$lookup` sub-pipeline on its own collection (an uncorrelated lookup is a query of its own).
 */
function pipelineShapes(
  collection: string,
  stages: Array<{ key: string; value: unknown }>,
  from: string,
): QueryShape[] {
  const out: QueryShape[] = [];
  const first = stages[0];
  const match = first?.key === '$match' && isPlainObject(first.value) ? (first.value as Doc) : {};
  const afterMatch = first?.key === '$match' ? stages[1] : first;
  const sort =
    afterMatch?.key === '$sort' && isPlainObject(afterMatch.value)
      ? Object.entries(afterMatch.value).map(([field, dir]) => ({ field, order: (dir === -1 ? -1 : 1) as Order }))
      : [];
  out.push(...shapesOf(collection, match, sort, from));
  for (const stage of stages) {
    const v = stage.value;
    if (stage.key !== '$lookup' || !isPlainObject(v) || typeof v.from !== 'string') continue;
    if (typeof v.foreignField === 'string') out.push(...shapesOf(v.from, { [v.foreignField]: null }, [], from));
    if (Array.isArray(v.pipeline)) {
      // Sub-pipeline stages arrive decoded already, as MongoDB writes them ({ $match: … }).
      const sub = v.pipeline.filter(isPlainObject).map((s) => {
        const [key, value] = Object.entries(s)[0] ?? ['', undefined];
        return { key, value };
      });
      const joinedBy = correlatedField(sub[0]);
      if (joinedBy !== undefined) {
        // A correlated lookup (`let`) joined by `$expr` equality: the field is an equality of the
        // query its pipeline makes, with the plain `$match` after it (ADR 0039).
        const next = sub[1]?.key === '$match' && isPlainObject(sub[1].value) ? (sub[1].value as Doc) : {};
        const rest = sub[1]?.key === '$match' ? sub.slice(2) : sub.slice(1);
        out.push(...pipelineShapes(v.from, [{ key: '$match', value: { [joinedBy]: null, ...next } }, ...rest], from));
      } else if (sub[0]?.key === '$match') out.push(...pipelineShapes(v.from, sub, from));
    }
  }
  return out;
}

/** The foreign field of a sub-pipeline's leading `{ $match: { $expr: { $eq: ['$field', '$$var'] } } }`. */
function correlatedField(stage: { key: string; value: unknown } | undefined): string | undefined {
  if (stage?.key !== '$match' || !isPlainObject(stage.value)) return undefined;
  const expr = stage.value.$expr;
  const pair = isPlainObject(expr) ? expr.$eq : undefined;
  if (!Array.isArray(pair) || pair.length !== 2) return undefined;
  const field = pair.find((x) => typeof x === 'string' && x.startsWith('$') && !x.startsWith('$$'));
  const variable = pair.find((x) => typeof x === 'string' && x.startsWith('$$'));
  return typeof field === 'string' && variable !== undefined ? field.slice(1) : undefined;
}

/** Queries served by the primary key need no declared index and are not listed. */
const byPrimaryKey = (q: QueryShape) => q.equals.includes('_id');

let f: Fixture;
const recorded: QueryShape[] = [];
/** Every action and trigger the flows ran. */
const ran: string[] = [];

beforeAll(async () => {
  f = await startFixture();
  // Something to look at (set up before recording): wishes, an activity, topics collecting
  // opinions and open for votes.
  await wishIn(f, 'published');
  await wishIn(f, 'claimed');
  await publish(f);
  const collecting = await topicIn(f, 'collect');
  const voting = await topicIn(f, 'vote');
  const topic = f.find('topics', { _id: voting })[0]!;
  const closesAt = new Date(Date.now() + 3 * 24 * 3600_000);
  setTopic(f, voting, { vote: { ...topic.vote, closesAt }, voteClosesAt: closesAt });
  const opinion = await f.call(P.resident, 'deliberation', 'postOpinion', {
    topicId: collecting,
    text: '支持加装电梯',
  });
  expect(opinion.ok).toBe(true);

  const db = f.server.db;
  const handle = db.handle.bind(db);
  let from: string | null = null;
  db.handle = (body) => {
    if (from) recorded.push(...shapesOfRequest(body, from).filter((q) => !byPrimaryKey(q)));
    return handle(body);
  };
  const call = async (openid: string, area: string, action: string, data: unknown = {}) => {
    from = `${area}.${action}`;
    ran.push(from);
    try {
      const reply = await f.call(openid, area, action, data);
      if (!reply.ok) throw new Error(`${area}.${action}: ${JSON.stringify(reply.error)}`);
      return reply.data;
    } finally {
      from = null;
    }
  };

  // The hot actions: what every visit to the app's main pages sends.
  await call(P.resident, 'account', 'me');
  await call(P.resident, 'messages', 'unreadCount');
  await call(P.resident, 'messages', 'list', {});
  const wall = await call(P.resident, 'wish', 'wall', { communityId: DEMO });
  await call(P.resident, 'wish', 'wall', { communityId: DEMO, category: 'elderly' });
  await call(P.resident, 'wish', 'get', { wishId: wall.items[0].id });
  await call(P.resident, 'wish', 'mine', { as: 'poster' });
  await call(P.member, 'wish', 'mine', { as: 'claimer' });
  await call(P.admin, 'wish', 'reviewQueue', { communityId: DEMO });
  const activities = await call(P.member, 'volunteer', 'list', { communityId: DEMO });
  await call(P.member, 'volunteer', 'list', { communityId: DEMO, when: 'mine' });
  await call(P.member, 'volunteer', 'get', { activityId: activities.items[0].id });
  await call(P.member, 'volunteer', 'myHours', { communityId: DEMO });
  await call(P.member, 'checkin', 'listEvents', { communityId: DEMO });
  await call(P.member, 'checkin', 'myRegistrations');
  await call(P.member, 'points', 'myPoints', { communityId: DEMO });
  await call(P.resident, 'deliberation', 'list', { communityId: DEMO });
  await call(P.resident, 'deliberation', 'get', { topicId: collecting });
  await call(P.resident, 'deliberation', 'listOpinions', { topicId: collecting, sort: 'time' });
  await call(P.resident, 'deliberation', 'turnout', { topicId: voting });
  await call(P.admin, 'dashboard', 'overview', { communityId: DEMO, from: '2026-10-01', to: '2026-11-30' });
  // …and the writes that come in bursts: signing up, voting, supporting, reading one's messages.
  const upcoming = await call(P.member, 'volunteer', 'list', { communityId: DEMO, when: 'upcoming' });
  await call(P.resident, 'volunteer', 'signUp', { activityId: upcoming.items[0].id });
  await call(P.resident, 'deliberation', 'castBallot', { topicId: voting, choice: 'agree' });
  const opinions = await call(P.resident, 'deliberation', 'listOpinions', { topicId: collecting });
  await call(P.member, 'deliberation', 'supportOpinion', { opinionId: opinions.items[0].id });
  await call(P.resident, 'messages', 'markRead', { all: true });

  // Every timer trigger cloudbaserc.json declares.
  const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as {
    functions: Array<{ name: string; triggers?: Array<{ name: string }> }>;
  };
  for (const fn of rc.functions) {
    for (const trigger of fn.triggers ?? []) {
      from = `${fn.name}/${trigger.name}`;
      ran.push(from);
      await f.server.functions.fireTimer(fn.name, trigger.name);
      from = null;
    }
  }
});
afterAll(() => f.stop());

test('the flows reach every hot action and every timer', () => {
  expect(ran).toEqual(
    expect.arrayContaining([
      'wish.get',
      'volunteer.get',
      'volunteer.signUp',
      'deliberation.get',
      'deliberation.listOpinions',
      'deliberation.turnout',
      'deliberation.castBallot',
      'deliberation.supportOpinion',
      'checkin/reconcile',
      'points/close-quarters',
      'wish/expire-and-release',
      'volunteer/close-attendance',
      'deliberation/close-windows',
    ]),
  );
});

test('database/queries.json lists exactly the queries the timers and the hot actions make', () => {
  const queries = mergeShapes(recorded);
  expect(queries.length).toBeGreaterThan(0);
  if (process.env.HONGSE_WRITE_QUERIES === '1') {
    const file = {
      $comment:
        'The query shapes (collection, equality/range/other filter fields, sort) the timers and the hot actions send, recorded from the emulator by tests/deploy/queries.test.ts (rewrite: HONGSE_WRITE_QUERIES=1 npx jest tests/deploy/queries). Queries by _id are left out (the primary key serves them). `npm run check:deploy` checks that database/collections.json has an index covering each.',
      queries,
    };
    writeFileSync(queriesFile, JSON.stringify(file, null, 2));
    execFileSync(process.execPath, [
      join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'),
      '--write',
      queriesFile,
    ]);
  }
  const listed = JSON.parse(readFileSync(queriesFile, 'utf8')) as { queries: QueryShape[] };
  expect(listed.queries).toEqual(queries);
});

test('every query the timers and the hot actions make has an index in database/collections.json', () => {
  const collections = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8'));
  expect(indexGaps({ queries: mergeShapes(recorded) }, collections)).toEqual([]);
});
