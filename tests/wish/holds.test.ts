/**
 * Wish text the content check could not decide (待人工审核): saved with a hold, never lost or
 * refused; shown only to its author and reviewers; a wish with a held title is not published;
 * reviewers list and clear holds in their scope (pass / reject), conditionally and idempotently.
 * The emulator's words reproduce each outcome: 人工复核 (review), 系统繁忙 (busy, errcode -1),
 * 网络中断 (transport failure).
 */
import { HELD_PLACEHOLDER, HeldPage, REMOVED_TEXT, ClearHoldResult } from '../../types/moderation';
import { WishDetail, WishPage } from '../../types/wish';
import { DEMO, startFixture, type Fixture } from '../support/fixtures';
import { crashAt } from '../support/crash-points';
import { P, expectError, expectOk, hxjyResident, setWish, wishIn, wishInput } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const call = (openid: string | null, action: string, data: unknown) => f.call(openid, 'wish', action, data);
const stored = (id: string) => f.find('wishes', { _id: id })[0]!;

async function heldWish(title = '请人工复核一下这个心愿标题', over: Record<string, unknown> = {}): Promise<WishDetail> {
  return expectOk(await call(P.resident, 'post', wishInput({ title: title.slice(0, 30), ...over })), WishDetail);
}

describe('holding text the check could not decide', () => {
  test.each([
    ['review', '请人工复核一下这个标题'],
    ['busy', '系统繁忙时提交的心愿标题'],
    ['unavailable', '网络中断时提交的心愿标题'],
  ])('a title the check answers %s for is saved with a hold and the reply says held', async (cause, title) => {
    const wish = await heldWish(title);
    expect(wish.title).toBe(title);
    expect(wish.held).toBe(true);
    expect(wish.heldFields).toEqual([{ field: 'title', label: '心愿标题', cause, at: expect.any(String) }]);
    const doc = stored(wish.id);
    expect(doc).toMatchObject({ title, held: true, heldCount: 1, holdsRev: 1, state: 'submitted' });
    expect(doc.holds).toEqual([
      {
        field: 'title',
        label: '心愿标题',
        paths: ['title'],
        text: title,
        authorId: 'user-resident',
        authorName: '张秀英',
        cause,
        at: expect.anything(),
      },
    ]);
  });

  test('risky text is still refused, field by field, with nothing written, even beside a held field', async () => {
    const reply = await f.expectNothingWritten(() =>
      call(P.resident, 'post', wishInput({ title: '请人工复核的标题', content: '长期代开发票，联系我' })),
    );
    expect(expectError(reply, 'VALIDATION', 'content.unsafe')).toMatchObject({
      fields: { content: '内容可能含有不当信息，请修改后再提交' },
    });
  });

  test('a held fulfilment note is saved at its field and its timeline note; the poster sees it, a stranger does not', async () => {
    const wishId = await wishIn(f, 'claimed');
    const note = '已送达助行器，网络中断时提交的说明';
    const done = expectOk(await call(P.member, 'fulfil', { wishId, note, photos: [] }), WishDetail);
    expect(done.state).toBe('fulfilled');
    expect(done.fulfilment?.note).toBe(note);
    const doc = stored(wishId);
    const n = doc.timeline.length - 1;
    expect(doc.holds[0]).toMatchObject({ field: 'fulfilment.note', paths: ['fulfilment.note', `timeline.${n}.note`] });
    // The poster is neither author nor reviewer: the placeholder, in the detail and its timeline.
    const seen = expectOk(await call(P.resident, 'get', { wishId }), WishDetail);
    expect(seen.fulfilment?.note).toBe(HELD_PLACEHOLDER);
    expect(seen.timeline.at(-1)?.note).toBe(HELD_PLACEHOLDER);
    expect(seen.heldFields).toEqual([]);
    // The author (the claimer) and the building's leader read it.
    expect(expectOk(await call(P.member, 'get', { wishId }), WishDetail).fulfilment?.note).toBe(note);
    const leader = expectOk(await call(P.leader, 'get', { wishId }), WishDetail);
    expect(leader.fulfilment?.note).toBe(note);
    expect(leader.heldFields.map((h) => h.field)).toEqual(['fulfilment.note']);
  });

  test('held thanks are saved with the confirmation, in its transaction, and the claimer is still credited', async () => {
    const wishId = await wishIn(f, 'fulfilled');
    const thanks = '系统繁忙时写下的感谢';
    const done = expectOk(await call(P.resident, 'confirm', { wishId, rating: 5, thanks }), WishDetail);
    expect(done).toMatchObject({ state: 'confirmed', confirmation: { thanks } });
    const doc = stored(wishId);
    const n = doc.timeline.length - 1;
    expect(doc).toMatchObject({ held: true, heldCount: 1, confirmation: { thanks } });
    expect(doc.holds[0]).toMatchObject({ paths: ['confirmation.thanks', `timeline.${n}.note`], cause: 'busy' });
    expect(f.find('point_ledger').some((e) => e.sourceId === wishId)).toBe(true);
  });

  test('a held title keeps the wish off the wall: publishing is refused until the hold is cleared', async () => {
    const wish = await heldWish('系统繁忙时的助行器心愿');
    expectError(
      await f.expectNothingWritten(() => call(P.admin, 'review', { wishId: wish.id, decision: 'publish' })),
      'PRECONDITION_FAILED',
      'wish.text-held',
    );
    expectOk(await call(P.admin, 'clearHold', { wishId: wish.id, decision: 'pass' }), ClearHoldResult);
    const published = expectOk(await call(P.admin, 'review', { wishId: wish.id, decision: 'publish' }), WishDetail);
    expect(published).toMatchObject({ state: 'published', held: false, title: '系统繁忙时的助行器心愿' });
  });

  test('other people see the placeholder on cards; the author sees their own text in their list', async () => {
    const wish = await heldWish('人工复核：楼道需要扶手');
    await setWish(f, wish.id, { state: 'published' });
    const wall = expectOk(await call(P.member, 'wall', { communityId: DEMO }), WishPage);
    const card = wall.items.find((c) => c.id === wish.id);
    expect(card).toMatchObject({ title: HELD_PLACEHOLDER, held: true });
    const mine = expectOk(await call(P.resident, 'mine', { as: 'poster' }), WishPage);
    expect(mine.items.find((c) => c.id === wish.id)?.title).toBe('人工复核：楼道需要扶手');
  });
});

describe('wish.heldTexts and wish.clearHold', () => {
  test('the building leader lists held texts in their scope, without their own', async () => {
    const wish = await heldWish('人工复核：想要一台轮椅');
    const page = expectOk(await call(P.leader, 'heldTexts', { communityId: DEMO }), HeldPage);
    const item = page.items.find((i) => i.id === wish.id);
    expect(item).toMatchObject({
      kind: 'wish',
      topicId: null,
      title: '人工复核：想要一台轮椅',
      holds: [{ field: 'title', text: '人工复核：想要一台轮椅', authorName: '张秀英', cause: 'review' }],
    });
  });

  test('a resident, or a leader of another building, may not list or clear', async () => {
    const wish = await heldWish('人工复核：需要修水管');
    expectError(await call(P.resident, 'heldTexts', { communityId: DEMO }), 'FORBIDDEN', 'wish.not-reviewer');
    expectError(
      await f.expectNothingWritten(() => call(P.member, 'clearHold', { wishId: wish.id, decision: 'pass' })),
      'FORBIDDEN',
      'wish.not-reviewer',
    );
    // A wish of 和谐家园 is outside demo-leader's building.
    const other = expectOk(
      await call(hxjyResident, 'post', wishInput({ title: '人工复核：和谐家园的心愿' })),
      WishDetail,
    );
    const page = expectOk(await call(P.leader, 'heldTexts', { communityId: DEMO, limit: 50 }), HeldPage);
    expect(page.items.some((i) => i.id === other.id)).toBe(false);
    expectError(
      await call(P.leader, 'clearHold', { wishId: other.id, decision: 'pass' }),
      'FORBIDDEN',
      'wish.not-reviewer',
    );
  });

  test('reject replaces the text everywhere it is stored, tells the author once, and a retry clears nothing', async () => {
    const wishId = await wishIn(f, 'claimed');
    const note = '已经送到家里，请人工复核这段说明';
    expectOk(await call(P.member, 'fulfil', { wishId, note, photos: [] }), WishDetail);
    const first = expectOk(
      await call(P.admin, 'clearHold', { wishId, field: 'fulfilment.note', decision: 'reject' }),
      ClearHoldResult,
    );
    expect(first).toEqual({ kind: 'wish', id: wishId, decision: 'reject', cleared: ['fulfilment.note'], remaining: 0 });
    const doc = stored(wishId);
    expect(doc).toMatchObject({ held: false, heldCount: 0, holds: [] });
    expect(doc.fulfilment.note).toBe(REMOVED_TEXT);
    expect(doc.timeline.at(-1).note).toBe(REMOVED_TEXT);
    const messages = f
      .find('messages', { userId: 'user-member' })
      .filter((m) => String(m._id).startsWith(`wish:${wishId}:hold:`));
    // The author was told the note is held (when the move held it), then that it was rejected.
    expect(messages.filter((m) => String(m._id).endsWith(':held'))).toHaveLength(1);
    expect(messages.filter((m) => String(m._id).endsWith(':rejected'))).toHaveLength(1);
    expect(f.find('audit_log', { action: 'wish.clearHold', targetId: wishId })).toHaveLength(1);

    const again = await f.expectNothingWritten(() =>
      call(P.admin, 'clearHold', { wishId, field: 'fulfilment.note', decision: 'reject' }),
    );
    expect(expectOk(again, ClearHoldResult)).toMatchObject({ cleared: [], remaining: 0 });
  });

  test('the author may not clear a hold on their own text', async () => {
    const wishId = await wishIn(f, 'submitted');
    const reason = '内容不具体，请人工复核';
    expectOk(await call(P.admin, 'review', { wishId, decision: 'reject', reason }), WishDetail);
    expectError(
      await f.expectNothingWritten(() => call(P.admin, 'clearHold', { wishId, decision: 'pass' })),
      'FORBIDDEN',
      'wish.own-hold',
    );
    // The leader of the building may.
    expect(expectOk(await call(P.leader, 'clearHold', { wishId, decision: 'pass' }), ClearHoldResult).cleared).toEqual([
      'rejectReason',
    ]);
  });

  test('a decision taken on a text changed meanwhile does not land', async () => {
    const wish = await heldWish('人工复核：想请人换灯泡');
    await setWish(f, wish.id, { title: '已被修改的标题' });
    expectError(
      await f.expectNothingWritten(() => call(P.admin, 'clearHold', { wishId: wish.id, decision: 'reject' })),
      'PRECONDITION_FAILED',
      'wish.hold-changed',
    );
  });
});

describe('a crash while a hold is settled', () => {
  afterEach(() => {
    delete process.env.HONGSE_CRASH_AT;
  });

  const rejectNote = (wishId: string) =>
    call(P.admin, 'clearHold', { wishId, field: 'fulfilment.note', decision: 'reject' });
  const toldOf = (wishId: string) =>
    f
      .find('messages', { userId: 'user-member' })
      .filter((m) => String(m._id).startsWith(`wish:${wishId}:hold:`) && String(m._id).endsWith(':rejected'));

  async function heldNote(): Promise<string> {
    const wishId = await wishIn(f, 'claimed');
    expectOk(await call(P.member, 'fulfil', { wishId, note: '送到了，网络中断时写的说明', photos: [] }), WishDetail);
    return wishId;
  }

  test('a crash before the commit leaves the hold, no audit entry and no message; the retry settles it once', async () => {
    const wishId = await heldNote();
    await crashAt('hold.settle.before-commit', () => rejectNote(wishId));
    expect(stored(wishId)).toMatchObject({ held: true, heldCount: 1 });
    expect(f.find('audit_log', { action: 'wish.clearHold', targetId: wishId })).toEqual([]);
    expect(toldOf(wishId)).toEqual([]);

    expect(expectOk(await rejectNote(wishId), ClearHoldResult).cleared).toEqual(['fulfilment.note']);
    expect(stored(wishId)).toMatchObject({ held: false, heldCount: 0, fulfilment: { note: REMOVED_TEXT } });
    expect(f.find('audit_log', { action: 'wish.clearHold', targetId: wishId })).toHaveLength(1);
    expect(toldOf(wishId)).toHaveLength(1);
  });

  test('a crash after the commit leaves the decision, its audit entry and the message; the retry clears nothing', async () => {
    const wishId = await heldNote();
    await crashAt('hold.settle.after-commit', () => rejectNote(wishId));
    expect(stored(wishId)).toMatchObject({ held: false, fulfilment: { note: REMOVED_TEXT } });
    expect(f.find('audit_log', { action: 'wish.clearHold', targetId: wishId })).toHaveLength(1);
    expect(toldOf(wishId)).toHaveLength(1);

    const again = await f.expectNothingWritten(() => rejectNote(wishId));
    expect(expectOk(again, ClearHoldResult)).toMatchObject({ cleared: [], remaining: 0 });
  });
});
