/**
 * Deliberation text the content check could not decide (待人工审核): topics, opinions,
 * proposals, review comments, objections, answers, progress notes, end and suspension reasons
 * and rating comments are saved with a hold, never lost or refused; held text reaches only its
 * author and the topic's leaders; leaders (and admins) list and clear holds on the topics they
 * lead, conditionally and idempotently; nobody clears their own.
 * The emulator's words: 人工复核 (review), 系统繁忙 (busy, errcode -1), 网络中断 (transport failure).
 */
import { Opinion, OpinionPage, TopicDetail } from '../../types/deliberation';
import { ClearHoldResult, HELD_PLACEHOLDER, HeldPage, REMOVED_TEXT } from '../../types/moderation';
import { DEMO, fileFixture } from '../support/fixtures';
import {
  building1Resident,
  building2Resident,
  expectError,
  expectOk,
  openTopic,
  P,
  setTopic,
  topicIn,
} from './helpers';

const f = fileFixture();

const call = (openid: string | null, action: string, data: unknown) => f.call(openid, 'deliberation', action, data);
const one = (collection: string, id: string) => f.find(collection, { _id: id })[0]!;

describe('holding deliberation text', () => {
  test.each([
    ['review', '请人工复核：电梯费用怎么分摊'],
    ['busy', '系统繁忙时提出的意见：先做安全评估'],
    ['unavailable', '网络中断时提出的意见：先做安全评估'],
  ])('an opinion the check answers %s for is saved with a hold and the reply says held', async (cause, text) => {
    const topic = await openTopic(f);
    const opinion = expectOk(await call(P.resident, 'postOpinion', { topicId: topic.id, text }), Opinion);
    expect(opinion).toMatchObject({ text, held: true });
    expect(one('opinions', opinion.id)).toMatchObject({
      text,
      held: true,
      heldCount: 1,
      holds: [{ field: 'text', paths: ['text'], text, cause, authorId: 'user-resident' }],
    });
    // Another resident sees the placeholder; the topic's leader reads it.
    const others = expectOk(await call(building1Resident, 'listOpinions', { topicId: topic.id }), OpinionPage);
    expect(others.items.find((o) => o.id === opinion.id)?.text).toBe(HELD_PLACEHOLDER);
    const leader = expectOk(await call(P.leader, 'listOpinions', { topicId: topic.id }), OpinionPage);
    expect(leader.items.find((o) => o.id === opinion.id)?.text).toBe(text);
  });

  test('a held topic title and background are stored; residents see the placeholder; the author sees "待人工审核"', async () => {
    const topic = await openTopic(f, { title: '人工复核：1号楼加装电梯' });
    expect(topic).toMatchObject({ title: '人工复核：1号楼加装电梯', held: true });
    expect(topic.heldFields.map((h) => h.field)).toEqual(['title']);
    const seen = expectOk(await call(P.resident, 'get', { topicId: topic.id }), TopicDetail);
    expect(seen).toMatchObject({ title: HELD_PLACEHOLDER, heldFields: [] });
  });

  test('a held proposal is stored at its version; an end reason at the field and the history note', async () => {
    const topicId = await topicIn(f, 'review');
    const drafted = expectOk(
      await call(P.leader, 'draftProposal', { topicId, text: '系统繁忙时起草的方案：分两期施工' }),
      TopicDetail,
    );
    const v = drafted.proposals.length - 1;
    expect(one('topics', topicId).holds).toEqual([
      expect.objectContaining({ field: `proposals.${v}.text`, paths: [`proposals.${v}.text`], cause: 'busy' }),
    ]);
    const ended = expectOk(await call(P.admin, 'end', { topicId, reason: '网络中断时终止：资金未落实' }), TopicDetail);
    expect(ended.step).toBe('ended');
    const stored = one('topics', topicId);
    const n = stored.history.length - 1;
    expect(stored.holds[1]).toMatchObject({ field: 'endedReason', paths: ['endedReason', `history.${n}.note`] });
    expect(stored).toMatchObject({ heldCount: 2, holdsRev: 2, endedReason: '网络中断时终止：资金未落实' });
  });

  test('a held objection and a held rating comment are stored, nothing refused', async () => {
    const noticeId = await topicIn(f, 'notice');
    setTopic(f, noticeId, { 'notice.endsAt': new Date(Date.now() + 3_600_000) });
    const objection = (
      await call(building1Resident, 'lodgeObjection', { topicId: noticeId, text: '人工复核：施工时间' })
    ).data;
    expect(objection).toMatchObject({ held: true, text: '人工复核：施工时间' });
    const evaluateId = await topicIn(f, 'evaluate');
    setTopic(f, evaluateId, { 'evaluation.endsAt': new Date(Date.now() + 3_600_000) });
    expectOk(
      await call(P.resident, 'rate', { topicId: evaluateId, score: 4, comment: '系统繁忙时写的评价' }),
      TopicDetail,
    );
    const rating = f.find('topic_ratings', { topicId: evaluateId })[0]!;
    expect(rating).toMatchObject({ comment: '系统繁忙时写的评价', held: true, communityId: DEMO });
  });
});

describe('deliberation.heldTexts and deliberation.clearHold', () => {
  test('the topic leader lists held texts on the topics they lead; residents may not', async () => {
    const topic = await openTopic(f);
    const opinion = expectOk(
      await call(P.resident, 'postOpinion', { topicId: topic.id, text: '人工复核：请公开电梯报价' }),
      Opinion,
    );
    const page = expectOk(await call(P.leader, 'heldTexts', { communityId: DEMO, limit: 50 }), HeldPage);
    expect(page.items.find((i) => i.id === opinion.id)).toMatchObject({
      kind: 'opinion',
      topicId: topic.id,
      title: topic.title,
      holds: [{ field: 'text', text: '人工复核：请公开电梯报价', authorName: '张秀英', cause: 'review' }],
    });
    expectError(await call(P.resident, 'heldTexts', { communityId: DEMO }), 'FORBIDDEN', 'topic.not-leader');
    expectError(
      await f.expectNothingWritten(() =>
        call(building2Resident, 'clearHold', { kind: 'opinion', id: opinion.id, decision: 'pass' }),
      ),
      'FORBIDDEN',
      'topic.not-leader',
    );
  });

  test('pages walk topics, then opinions, without repeats', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = expectOk(
        await call(P.admin, 'heldTexts', { communityId: DEMO, limit: 2, ...(cursor === undefined ? {} : { cursor }) }),
        HeldPage,
      );
      all.push(...page.items.map((it) => `${it.kind}:${it.id}`));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(new Set(all).size).toBe(all.length);
    const kinds = all.map((k) => k.split(':')[0]);
    expect(kinds.indexOf('opinion')).toBeGreaterThan(kinds.lastIndexOf('topic'));
    const heldDocs =
      f.find('topics', { held: true }).length +
      f.find('opinions', { held: true }).length +
      f.find('objections', { held: true }).length +
      f.find('topic_ratings', { held: true }).length;
    // The admin authored some (end reasons): those documents carry no text for them but are listed.
    expect(all.length).toBe(heldDocs);
  });

  test('reject replaces the opinion text, tells its author once; a retry clears nothing', async () => {
    const topic = await openTopic(f);
    const opinion = expectOk(
      await call(P.resident, 'postOpinion', { topicId: topic.id, text: '系统繁忙：建议加装扶手' }),
      Opinion,
    );
    const first = expectOk(
      await call(P.leader, 'clearHold', { kind: 'opinion', id: opinion.id, decision: 'reject' }),
      ClearHoldResult,
    );
    expect(first).toEqual({ kind: 'opinion', id: opinion.id, decision: 'reject', cleared: ['text'], remaining: 0 });
    expect(one('opinions', opinion.id)).toMatchObject({ text: REMOVED_TEXT, held: false, heldCount: 0, holds: [] });
    const told = f
      .find('messages', { userId: 'user-resident' })
      .filter((m) => m._id.startsWith(`opinion:${opinion.id}:hold:`));
    expect(told).toHaveLength(1);
    expect(f.find('audit_log', { action: 'deliberation.clearHold', targetId: opinion.id })).toHaveLength(1);
    const again = await f.expectNothingWritten(() =>
      call(P.leader, 'clearHold', { kind: 'opinion', id: opinion.id, decision: 'reject' }),
    );
    expect(expectOk(again, ClearHoldResult).cleared).toEqual([]);
  });

  test('pass keeps the text and shows it to everyone; the author may not clear their own hold', async () => {
    const topic = await openTopic(f, { title: '系统繁忙：楼道加装照明' });
    expectError(
      await f.expectNothingWritten(() =>
        call(P.leader, 'clearHold', { kind: 'topic', id: topic.id, decision: 'pass' }),
      ),
      'FORBIDDEN',
      'hold.own-text',
    );
    const passed = expectOk(
      await call(P.admin, 'clearHold', { kind: 'topic', id: topic.id, field: 'title', decision: 'pass' }),
      ClearHoldResult,
    );
    expect(passed).toMatchObject({ cleared: ['title'], remaining: 0 });
    const seen = expectOk(await call(P.resident, 'get', { topicId: topic.id }), TopicDetail);
    expect(seen).toMatchObject({ title: '系统繁忙：楼道加装照明', held: false });
  });
});
