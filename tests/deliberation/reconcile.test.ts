/**
 * Counters of the deliberation area (docs/adr/0016): an opinion's `supportCount` is raised to
 * the number of its supports after each support is stored, and `deliberation.reconcile` (and
 * its daily timer) recounts and repairs it, reported and audited once; a clean database reports
 * nothing; anyone but the community's admins is refused. A topic's open objections are not
 * stored at all: the objection documents are counted, so a crash between lodging and the
 * topic's revision still blocks the move to execute.
 */
import { lodgeObjection } from '../../cloudfunctions/deliberation/src/lodge-objection';
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { database, type Database } from '../../cloudfunctions/_shared/database';
import { AppError } from '../../types/errors';
import { Objection, Opinion, TopicDetail } from '../../types/deliberation';
import type { CounterRepair } from '../../types/reconcile';
import { DEMO, OTHER, fileFixture } from '../support/fixtures';
import { crashAt, resetCrashPointsAfterEach } from '../support/crash-points';
import { reconcilePages } from '../support/reconcile';
import {
  building1Resident,
  building2Resident,
  expectError,
  expectOk,
  openInput,
  P,
  setDoc,
  setTopic,
  topicIn,
} from './helpers';

const f = fileFixture();
resetCrashPointsAfterEach({ quiet: true });

const reconcileAll = (openid: string, communityId?: string) => reconcilePages(f, 'deliberation', openid, communityId);

/** An estate-wide topic in collect with one opinion by a 1号楼 resident; returns the opinion's id. */
async function opinionToSupport(title: string): Promise<string> {
  const topic = expectOk(
    await f.call(P.estateLeader, 'deliberation', 'open', openInput({ buildingId: undefined, title })),
    TopicDetail,
  );
  return expectOk(
    await f.call(building1Resident, 'deliberation', 'postOpinion', {
      topicId: topic.id,
      text: '建议先做安全评估再施工',
    }),
    Opinion,
  ).id;
}

const support = (openid: string, opinionId: string) => f.call(openid, 'deliberation', 'supportOpinion', { opinionId });
const countOf = (opinionId: string) => f.find('opinions', { _id: opinionId })[0]!.supportCount as number;
const audits = () => f.find('audit_log', { action: 'deliberation.reconcile' });

test('on a clean database an admin reconciles every opinion and nothing is reported or written', async () => {
  const opinionId = await opinionToSupport('干净库核对议题');
  expectOk(await support(P.resident, opinionId), Opinion);
  const report = await f.expectNothingWritten(() => reconcileAll(P.admin));
  expect(report.checked).toBeGreaterThan(0);
  expect(report.repaired).toEqual([]);
});

test('a support count written wrong through the database is recounted, repaired, reported and audited once; a second run changes nothing', async () => {
  const opinionId = await opinionToSupport('计数被写错的议题');
  expectOk(await support(P.resident, opinionId), Opinion);
  expectOk(await support(building2Resident, opinionId), Opinion);
  setDoc(f, 'opinions', opinionId, { supportCount: 5 });
  const before = audits().length;

  const report = await reconcileAll(P.admin);
  expect(report.repaired).toEqual([{ id: opinionId, field: 'supportCount', from: 5, to: 2 }]);
  expect(countOf(opinionId)).toBe(2);
  expect(audits()).toHaveLength(before + 1);
  expect(audits().at(-1)).toMatchObject({ communityId: DEMO, actorId: 'user-admin' });
  const again = await f.expectNothingWritten(() => reconcileAll(P.admin));
  expect(again.repaired).toEqual([]);
});

test('a crash after the support was stored leaves the count one behind; the next supporter’s count includes both', async () => {
  const opinionId = await opinionToSupport('支持后断电的议题');
  await crashAt('deliberation.support.after-add', () => support(P.resident, opinionId));
  expect(f.find('opinion_supports', { opinionId })).toHaveLength(1);
  expect(countOf(opinionId)).toBe(0);
  // The retry of the unanswered call finds the support stored.
  expectError(await support(P.resident, opinionId), 'CONFLICT', 'opinion.already-supported');

  const next = expectOk(await support(building2Resident, opinionId), Opinion);
  expect(next.supportCount).toBe(2);
  expect(countOf(opinionId)).toBe(2);
});

test('a crash after the support was stored, with no later supporter, is repaired by the reconcile', async () => {
  const opinionId = await opinionToSupport('支持后断电无人再支持');
  await crashAt('deliberation.support.after-add', () => support(P.resident, opinionId));
  const report = await reconcileAll(P.admin);
  expect(report.repaired).toEqual([{ id: opinionId, field: 'supportCount', from: 0, to: 1 }]);
  expect(countOf(opinionId)).toBe(f.find('opinion_supports', { opinionId }).length);
});

test('the daily timer repairs a drifted support count, audited as the system', async () => {
  const opinionId = await opinionToSupport('定时核对的议题');
  expectOk(await support(P.resident, opinionId), Opinion);
  setDoc(f, 'opinions', opinionId, { supportCount: 0 });
  const reply = (await f.server.functions.fireTimer('deliberation', 'reconcile')) as {
    ok: boolean;
    data: { repaired: CounterRepair[] };
  };
  expect(reply).toMatchObject({ ok: true });
  expect(reply.data.repaired).toEqual([{ id: opinionId, field: 'supportCount', from: 0, to: 1 }]);
  expect(audits().at(-1)).toMatchObject({ communityId: DEMO, actorId: null });
  const clean = await f.expectNothingWritten(() => f.server.functions.fireTimer('deliberation', 'reconcile'));
  expect(clean).toMatchObject({ ok: true, data: { repaired: [] } });
});

test('refuses anyone but an admin of the community (a resident, a leader, another community’s admin) and writes nothing', async () => {
  const opinionId = await opinionToSupport('越权核对的议题');
  setDoc(f, 'opinions', opinionId, { supportCount: 9 });
  await f.expectNothingWritten(async () => {
    for (const openid of [P.resident, P.leader, P.estateLeader, 'other-admin']) {
      expectError(
        await f.call(openid, 'deliberation', 'reconcile', { communityId: DEMO }),
        'FORBIDDEN',
        'auth.not-admin',
      );
    }
  });
  await reconcileAll('other-admin', OTHER);
  expect(countOf(opinionId)).toBe(9);
});

describe('open objections are the unanswered objection documents', () => {
  test('a crash after the objection was stored, before the topic’s revision moved, still blocks the move to execute until it is answered', async () => {
    const topicId = await topicIn(f, 'notice');
    setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() + 3_600_000) });
    process.env.HONGSE_CRASH_AT = 'deliberation.lodge.after-add';
    expectError(
      await f.call(building1Resident, 'deliberation', 'lodgeObjection', { topicId, text: '施工时间请避开午休' }),
      'INTERNAL',
      'internal.unexpected',
    );
    delete process.env.HONGSE_CRASH_AT;
    const [objection] = f.find('objections', { topicId });
    expect(objection).toMatchObject({ answer: null });
    setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() - 1000) });
    const go = () =>
      f.call(P.leader, 'deliberation', 'advance', {
        topicId,
        to: 'execute',
        executor: '幸福里物业',
        dueDate: '2027-06-30',
      });
    expectError(await f.expectNothingWritten(go), 'PRECONDITION_FAILED', 'topic.objections-open');
    setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() + 3_600_000) });
    expectOk(
      await f.call(P.leader, 'deliberation', 'answerObjection', {
        topicId,
        objectionId: objection!._id,
        answer: '已调整施工时间',
      }),
      Objection,
    );
    setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() - 1000) });
    expectOk(await go(), TopicDetail);
  });

  test('lodging and answering write no counter on the topic, only its revision', async () => {
    const topicId = await topicIn(f, 'notice');
    setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() + 3_600_000) });
    const rev = f.find('topics', { _id: topicId })[0]!.rev as number;
    const lodged = await f.call(building1Resident, 'deliberation', 'lodgeObjection', {
      topicId,
      text: '噪音问题请说明',
    });
    expect(lodged).toMatchObject({ ok: true });
    const topic = f.find('topics', { _id: topicId })[0]!;
    expect(topic.rev).toBe(rev + 1);
    expect(topic.openObjections ?? 0).toBe(0);
  });

  test('a move to execute that lands between the objection and the revision raise refuses the lodging and removes the objection', async () => {
    const topicId = await topicIn(f, 'notice');
    setTopic(f, topicId, { 'notice.endsAt': new Date(Date.now() + 3_600_000) });
    // The database as the verb sees it: right after the objection is stored, the topic moves on
    // (as a concurrent advance that counted before the objection existed would).
    const db = database();
    const racing = new Proxy(db, {
      get(target, prop) {
        if (prop !== 'collection') return Reflect.get(target, prop, target) as unknown;
        return (name: string) => {
          const coll = target.collection(name);
          if (name !== 'objections') return coll;
          return new Proxy(coll, {
            get(c, p) {
              if (p !== 'add') return Reflect.get(c, p, c) as unknown;
              return async (doc: object) => {
                const added = await c.add(doc);
                setTopic(f, topicId, { step: 'execute' });
                return added;
              };
            },
          });
        };
      },
    }) as Database;
    const ctx: Ctx = {
      caller: { openid: building1Resident, appid: null },
      requestId: 'race',
      db: racing,
      runtime: 'local',
      now: () => new Date(),
    };
    const refused = await lodgeObjection({ ctx, input: { topicId, text: '施工时间请避开午休' } }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(f.find('objections', { topicId })).toEqual([]);
  });
});
