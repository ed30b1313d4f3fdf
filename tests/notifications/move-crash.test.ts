/**
 * The moves that tell after a conditional write (a wish's review, claim, release, revocation,
 * fulfilment, the timer's expiry and auto-release; a topic's progress) owe their messages in that
 * same write (ADR 0031): a move that dies before telling leaves them on the document, and the next
 * request that reads it tells each person exactly once.
 */
import { TopicDetail } from '../../types/deliberation';
import { WishDetail } from '../../types/wish';
import { crashFixture, crashing } from '../support/crash-points';
import { messageKeys } from '../support/fixtures';
import { expectError, expectOk, P, wishIn } from '../wish/helpers';
import { insertResidentOpinion, topicIn } from '../deliberation/helpers';

const f = crashFixture();

const keyed = (prefix: string) => messageKeys(f, prefix);

test('a review that dies before telling the poster leaves the wish published and the message owed; the next view tells it once', async () => {
  const wishId = await wishIn(f, 'submitted');
  const reply = await crashing('wish.move.before-message', () =>
    f.call(P.admin, 'wish', 'review', { wishId, decision: 'publish' }),
  );
  expectError(reply, 'INTERNAL', 'internal.unexpected');
  expect(f.find('wishes', { _id: wishId })[0]!.state).toBe('published');
  expect(keyed(`wish:${wishId}:published`)).toEqual([]);

  expectOk(await f.call(P.resident, 'wish', 'get', { wishId }), WishDetail);
  expect(keyed(`wish:${wishId}:published`)).toEqual([`wish:${wishId}:published`]);
  expect(f.find('messages', { _id: `wish:${wishId}:published` })[0]).toMatchObject({
    userId: 'user-resident',
    title: '您的心愿已发布',
  });
  expect(f.find('wishes', { _id: wishId })[0]!.outbox).toEqual({});
  expectOk(await f.call(P.admin, 'wish', 'get', { wishId }), WishDetail);
  expect(keyed(`wish:${wishId}:published`)).toHaveLength(1);
});

test('a fulfilment that dies before telling the poster is told once by the claimer’s next look at the wish', async () => {
  const wishId = await wishIn(f, 'claimed');
  const reply = await crashing('wish.move.before-message', () =>
    f.call(P.member, 'wish', 'fulfil', { wishId, note: '助行器已经送到家里', photos: [] }),
  );
  expectError(reply, 'INTERNAL', 'internal.unexpected');
  expect(f.find('wishes', { _id: wishId })[0]!.state).toBe('fulfilled');
  expect(keyed(`wish:${wishId}:fulfilled`)).toEqual([]);
  expectOk(await f.call(P.member, 'wish', 'get', { wishId }), WishDetail);
  expect(keyed(`wish:${wishId}:fulfilled`)).toEqual([`wish:${wishId}:fulfilled`]);
});

test('a moved wish that lived told at once and owes nothing', async () => {
  const wishId = await wishIn(f, 'submitted');
  expectOk(await f.call(P.admin, 'wish', 'review', { wishId, decision: 'publish' }), WishDetail);
  expect(keyed(`wish:${wishId}:published`)).toHaveLength(1);
  expect(f.find('wishes', { _id: wishId })[0]!.outbox).toEqual({});
});

test('progress recorded by a call that dies before telling is told to every participant once by the next view of the topic', async () => {
  const topicId = await topicIn(f, 'execute');
  insertResidentOpinion(f, topicId);
  const reply = await crashing('deliberation.addProgress.before-messages', () =>
    f.call(P.leader, 'deliberation', 'addProgress', { topicId, percent: 30, note: '已进场施工' }),
  );
  expectError(reply, 'INTERNAL', 'internal.unexpected');
  const prefix = `topic:${topicId}:progress:`;
  expect(keyed(prefix)).toEqual([]);
  expectOk(await f.call(P.resident, 'deliberation', 'get', { topicId }), TopicDetail);
  expect(keyed(prefix)).toEqual([`${prefix}1:user-resident`]);
  expectOk(await f.call(P.leader, 'deliberation', 'get', { topicId }), TopicDetail);
  expect(keyed(prefix)).toHaveLength(1);
});
