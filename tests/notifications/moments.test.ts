/**
 * Every key moment of docs/notifications.md, walked through the real actions (issue #16 part 5):
 * each person told finds the message in their message centre (`messages.list`: its kind and its
 * link), and, where the moment's kind has a template, gets the subscription message — a kind sent
 * at once lands in the outbox with the act, a queued kind rides in the message (`push`) and the
 * messages timer sends it to a person who consented (and to nobody else). One row per moment:
 * the act, and who is told with which kind and which page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import subscriptions from '../../deploy/subscriptions.json';
import { BindingRequest } from '../../types/account';
import { Activity, SignupResult } from '../../types/volunteer';
import { TopicDetail } from '../../types/deliberation';
import { MessageList, RecordConsentResult } from '../../types/messages';
import { isQueuedKind, type SubscriptionKind } from '../../types/subscriptions';
import { WishDetail } from '../../types/wish';
import { applyForUnit, declarePartyMembers, decideRegistration, decideUnit, registerMember } from '../checkin/helpers';
import { eligibleOf, openInput, openVoteOn, topicIn } from '../deliberation/helpers';
import { fileFixture, DEMO, demoPersonas as P } from '../support/fixtures';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { publish } from '../volunteer/helpers';
import { expectOk, outbox, setWish, wishIn, wishInput } from '../wish/helpers';

const f = fileFixture((started) => declarePartyMembers(started, P.resident));
resetCrashPointsAfterEach({ quiet: true });

const DAY = 24 * 3600_000;
const MESSAGE_CENTRE = 'packages/messages/pages/index/index';

/** One person told of a moment: the message's key, and the subscription they get (null: in-app only). */
interface Told {
  key: string;
  openid: string;
  kind: string;
  link: string;
  /** The template kind and the page its card opens; `consented: false` — queued, but this person gave no consent. */
  sub: { kind: SubscriptionKind; page: string; consented?: boolean } | null;
}

interface Moment {
  /** The moment's row in docs/notifications.md. */
  row: string;
  /** Which case of it this walks. */
  moment: string;
  /** Does the moment (after `mark()`, called right before it); who is told. */
  act: (mark: () => Promise<void>) => Promise<Told[]>;
}

const ok = async <T>(reply: Promise<unknown>, schema: { parse(v: unknown): T }) =>
  expectOk(await reply, schema as never) as T;
const consent = (openid: string, kind: SubscriptionKind) =>
  ok(f.call(openid, 'messages', 'recordConsent', { kinds: [kind] }), RecordConsentResult);
const page = (link: string) => link.replace(/^\//, '');
const wishLink = (id: string) => `/packages/wish/pages/detail/index?id=${id}`;
const topicLink = (id: string) => `/packages/deliberation/pages/topic/index?id=${id}`;
const activityLink = (id: string) => `/packages/volunteer/pages/detail/index?id=${id}`;
const atOnce = (kind: SubscriptionKind, link: string) => ({ kind, page: page(link) });
const wishCall = (openid: string, action: string, data: object) => ok(f.call(openid, 'wish', action, data), WishDetail);
const heldTitle = '请人工复核一下这个心愿标题';

async function drainAll(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const run = (await f.server.functions.fireTimer('messages', 'send-subscriptions')) as {
      ok: boolean;
      data: { more: boolean };
    };
    expect(run.ok).toBe(true);
    if (!run.data.more) return;
  }
  throw new Error('the send queue did not empty');
}

const moments: Moment[] = [
  {
    row: 'a binding request approved / rejected',
    moment: 'approved',
    act: async (mark) => {
      await consent(P.newcomer, 'applicationResult');
      const r = await ok(
        f.call(P.newcomer, 'account', 'requestBinding', { householdId: 'hh-xfl-2-102', relation: 'tenant' }),
        BindingRequest,
      );
      await mark();
      expect((await f.call(P.admin, 'account', 'decideBinding', { requestId: r.id, decision: 'approve' })).ok).toBe(
        true,
      );
      const link = '/packages/account/pages/bind/index';
      return [
        {
          key: `binding:${r.id}:decided`,
          openid: P.newcomer,
          kind: 'account',
          link,
          sub: { kind: 'applicationResult', page: MESSAGE_CENTRE },
        },
      ];
    },
  },
  {
    row: 'a binding request approved / rejected',
    moment: 'rejected',
    act: async (mark) => {
      await consent(P.newcomer, 'applicationResult');
      const household = f.find('households', { buildingId: 'bld-xfl-2' }).find((h) => h._id !== 'hh-xfl-2-102')!;
      const r = await ok(
        f.call(P.newcomer, 'account', 'requestBinding', { householdId: household._id, relation: 'tenant' }),
        BindingRequest,
      );
      await mark();
      const reply = await f.call(P.admin, 'account', 'decideBinding', {
        requestId: r.id,
        decision: 'reject',
        reason: '房屋信息不符',
      });
      expect(reply.ok).toBe(true);
      return [
        {
          key: `binding:${r.id}:decided`,
          openid: P.newcomer,
          kind: 'account',
          link: '/packages/account/pages/bind/index',
          sub: { kind: 'applicationResult', page: MESSAGE_CENTRE },
        },
      ];
    },
  },
  ...(['approve', 'reject'] as const).map((decision): Moment => ({
    row: "a work unit's 报到 approved / rejected",
    moment: decision === 'approve' ? 'approved' : 'rejected',
    act: async (mark) => {
      await consent(P.resident, 'applicationResult');
      const app = await applyForUnit(f, decision === 'approve' ? '区图书馆' : '区文化馆');
      await mark();
      const data = decision === 'approve' ? { decision } : { decision, reason: '名称有误' };
      expect((await decideUnit(f, app.id, data)).ok).toBe(true);
      return [
        {
          key: `unit-registration:${app.id}:decided`,
          openid: P.resident,
          kind: 'checkin',
          link: '/packages/checkin/pages/register/index',
          sub: { kind: 'applicationResult', page: MESSAGE_CENTRE },
        },
      ];
    },
  })),
  ...(['reject', 'approve'] as const).map((decision): Moment => ({
    row: "a member's 报到 approved / rejected",
    moment:
      decision === 'approve' ? 'approved with points (owed: the timer or their next look delivers it)' : 'rejected',
    act: async (mark) => {
      await consent(P.resident, 'applicationResult');
      const reg = await registerMember(f);
      await mark();
      const data = decision === 'approve' ? { decision } : { decision, reason: '单位信息有误' };
      expect((await decideRegistration(f, reg.id, data)).ok).toBe(true);
      return [
        {
          key: `registration:${reg.id}:decided`,
          openid: P.resident,
          kind: 'checkin',
          link: '/packages/checkin/pages/register/index',
          sub: { kind: 'applicationResult', page: MESSAGE_CENTRE },
        },
      ];
    },
  })),
  {
    row: 'a wish posted (waits for review)',
    moment: 'a reviewer who consented, and one who did not',
    act: async (mark) => {
      await consent(P.leader, 'wishReview');
      await mark();
      const wish = await wishCall(P.resident, 'post', wishInput());
      const link = wishLink(wish.id);
      const review = { kind: 'wishReview' as const, page: page(link) };
      return [
        { key: `wish:${wish.id}:to-review:user-leader`, openid: P.leader, kind: 'wish', link, sub: review },
        {
          key: `wish:${wish.id}:to-review:user-admin`,
          openid: P.admin,
          kind: 'wish',
          link,
          sub: { ...review, consented: false },
        },
      ];
    },
  },
  ...(['publish', 'reject'] as const).map((decision): Moment => ({
    row: 'a wish published / rejected by review',
    moment: decision === 'publish' ? 'published' : 'rejected',
    act: async (mark) => {
      const id = await wishIn(f, 'submitted');
      await mark();
      await wishCall(
        P.admin,
        'review',
        decision === 'publish' ? { wishId: id, decision } : { wishId: id, decision, reason: '内容不够具体' },
      );
      const key = `wish:${id}:${decision === 'publish' ? 'published' : 'rejected'}`;
      return [{ key, openid: P.resident, kind: 'wish', link: wishLink(id), sub: atOnce('wishProgress', wishLink(id)) }];
    },
  })),
  {
    row: 'a wish claimed',
    moment: 'claimed',
    act: async (mark) => {
      const id = await wishIn(f, 'published');
      await mark();
      await wishCall(P.member, 'claim', { wishId: id });
      const claimSeq = f.find('wishes', { _id: id })[0]!.claimSeq as number;
      const link = wishLink(id);
      return [
        {
          key: `wish:${id}:claimed:${claimSeq}`,
          openid: P.resident,
          kind: 'wish',
          link,
          sub: atOnce('wishProgress', link),
        },
      ];
    },
  },
  {
    row: 'a claim released by its claimer',
    moment: 'released',
    act: async (mark) => {
      const id = await wishIn(f, 'claimed');
      const claimSeq = f.find('wishes', { _id: id })[0]!.claimSeq as number;
      await mark();
      await wishCall(P.member, 'release', { wishId: id, reason: '临时有事无法完成' });
      const link = wishLink(id);
      return [
        {
          key: `wish:${id}:released:${claimSeq}`,
          openid: P.resident,
          kind: 'wish',
          link,
          sub: atOnce('wishProgress', link),
        },
      ];
    },
  },
  {
    row: 'a claim revoked',
    moment: 'revoked',
    act: async (mark) => {
      const id = await wishIn(f, 'claimed');
      const claimSeq = f.find('wishes', { _id: id })[0]!.claimSeq as number;
      await mark();
      await wishCall(P.admin, 'revokeClaim', { wishId: id, reason: '长时间未联系居民' });
      const link = wishLink(id);
      return [
        {
          key: `wish:${id}:revoked:${claimSeq}`,
          openid: P.member,
          kind: 'wish',
          link,
          sub: atOnce('claimProgress', link),
        },
      ];
    },
  },
  {
    row: 'a wish fulfilled',
    moment: 'fulfilled',
    act: async (mark) => {
      const id = await wishIn(f, 'claimed');
      await mark();
      await wishCall(P.member, 'fulfil', { wishId: id, note: '已经送去助行器并教会使用', photos: [] });
      const link = wishLink(id);
      return [
        { key: `wish:${id}:fulfilled`, openid: P.resident, kind: 'wish', link, sub: atOnce('wishProgress', link) },
      ];
    },
  },
  {
    row: 'a wish confirmed done',
    moment: 'confirmed',
    act: async (mark) => {
      const id = await wishIn(f, 'fulfilled');
      await mark();
      await wishCall(P.resident, 'confirm', { wishId: id, rating: 5 });
      const link = wishLink(id);
      return [
        { key: `wish:${id}:confirmed`, openid: P.member, kind: 'wish', link, sub: atOnce('claimProgress', link) },
      ];
    },
  },
  {
    row: 'a claim released by the timer',
    moment: 'the claimer and the poster',
    act: async (mark) => {
      const id = await wishIn(f, 'claimed');
      const claimSeq = f.find('wishes', { _id: id })[0]!.claimSeq as number;
      await setWish(f, id, { claimedAt: new Date(Date.now() - 15 * DAY) });
      await mark();
      expect(((await f.server.functions.fireTimer('wish', 'expire-and-release')) as { ok: boolean }).ok).toBe(true);
      const link = wishLink(id);
      return [
        {
          key: `wish:${id}:auto-released:${claimSeq}`,
          openid: P.member,
          kind: 'wish',
          link,
          sub: atOnce('claimProgress', link),
        },
        {
          key: `wish:${id}:auto-released:${claimSeq}:poster`,
          openid: P.resident,
          kind: 'wish',
          link,
          sub: atOnce('wishProgress', link),
        },
      ];
    },
  },
  {
    row: 'a wish expired',
    moment: 'expired',
    act: async (mark) => {
      const id = await wishIn(f, 'published');
      await setWish(f, id, { wantedByEnd: new Date(Date.now() - DAY) });
      await mark();
      expect(((await f.server.functions.fireTimer('wish', 'expire-and-release')) as { ok: boolean }).ok).toBe(true);
      const link = wishLink(id);
      return [{ key: `wish:${id}:expired`, openid: P.resident, kind: 'wish', link, sub: atOnce('wishProgress', link) }];
    },
  },
  {
    row: 'a held text of a wish rejected',
    moment: 'a held title',
    act: async (mark) => {
      const wish = await wishCall(P.resident, 'post', wishInput({ title: heldTitle }));
      await mark();
      await f.call(P.admin, 'wish', 'clearHold', { wishId: wish.id, decision: 'reject' });
      const [message] = f
        .find('messages', { userId: 'user-resident' })
        .filter((m) => String(m._id).startsWith(`wish:${wish.id}:hold:title:`));
      return [{ key: String(message?._id), openid: P.resident, kind: 'wish', link: wishLink(wish.id), sub: null }];
    },
  },
  {
    row: 'a volunteer promoted from the waitlist',
    moment: 'a cancellation frees the place',
    act: async (mark) => {
      const a = await publish(f, { quota: 1, title: '周末敬老院探访' });
      await ok(f.call(P.member, 'volunteer', 'signUp', { activityId: a.id }), SignupResult);
      const waiting = await ok(f.call(P.resident, 'volunteer', 'signUp', { activityId: a.id }), SignupResult);
      expect(waiting.state).toBe('waitlisted');
      await mark();
      await ok(f.call(P.member, 'volunteer', 'cancelSignup', { activityId: a.id }), SignupResult);
      const [promoted] = f
        .find('messages', { userId: 'user-resident' })
        .filter((m) => String(m._id).startsWith('volunteer-promoted:') && m.link === activityLink(a.id));
      const link = activityLink(a.id);
      return [
        {
          key: String(promoted?._id),
          openid: P.resident,
          kind: 'activity',
          link,
          sub: atOnce('waitlistPromoted', link),
        },
      ];
    },
  },
  {
    row: 'an activity cancelled',
    moment: 'a volunteer holding a place',
    act: async (mark) => {
      const a = await publish(f, { quota: 5, title: '社区环境清扫' });
      await ok(f.call(P.member, 'volunteer', 'signUp', { activityId: a.id }), SignupResult);
      await mark();
      await ok(f.call(P.admin, 'volunteer', 'cancel', { activityId: a.id, reason: '天气原因' }), Activity);
      const link = activityLink(a.id);
      return [
        {
          key: `volunteer-cancelled:${a.id}:user-member`,
          openid: P.member,
          kind: 'activity',
          link,
          sub: atOnce('activityCancelled', link),
        },
      ];
    },
  },
  {
    row: 'a topic opened in my building (my estate, for an estate-wide one)',
    moment: 'a building topic',
    act: async (mark) => {
      await consent(P.resident, 'topicProgress');
      await mark();
      const topic = await ok(
        f.call(P.leader, 'deliberation', 'open', openInput({ title: '1号楼楼道扶手加装' })),
        TopicDetail,
      );
      const link = topicLink(topic.id);
      return [
        {
          key: `topic:${topic.id}:opened:user-resident`,
          openid: P.resident,
          kind: 'topic',
          link,
          sub: { kind: 'topicProgress', page: page(link) },
        },
      ];
    },
  },
  {
    row: "a topic's vote opened",
    moment: 'a resident of an eligible household',
    act: async (mark) => {
      await consent(P.resident, 'voteOpen');
      const id = await topicIn(f, 'review');
      await mark();
      await openVoteOn(f, id);
      const link = topicLink(id);
      return [
        {
          key: `topic:${id}:vote-open:user-resident`,
          openid: P.resident,
          kind: 'topic',
          link,
          sub: { kind: 'voteOpen', page: page(link) },
        },
      ];
    },
  },
  {
    row: "a topic's vote closed: passed (公示 until …) / not passed",
    moment: 'passed',
    act: async (mark) => {
      const id = await topicIn(f, 'vote');
      await drainAll(); // the opening's own reminders, before the consent counted for the result
      await consent(P.resident, 'topicProgress');
      f.insert(
        'ballots',
        eligibleOf(f).map((e) => ({
          _id: `${id}:${e.h}`,
          topicId: id,
          householdId: e.h,
          areaCents: e.a,
          choice: 'agree',
          userId: 'user-resident',
          castAt: new Date(Date.now() - 3_600_000),
        })),
      );
      await mark();
      await ok(f.call(P.leader, 'deliberation', 'closeVote', { topicId: id }), TopicDetail);
      const link = topicLink(id);
      return [
        {
          key: `topic:${id}:result:user-resident`,
          openid: P.resident,
          kind: 'topic',
          link,
          sub: { kind: 'topicProgress', page: page(link) },
        },
      ];
    },
  },
  {
    row: "a topic's vote closed: passed (公示 until …) / not passed",
    moment: 'not passed (closed by the scheduler)',
    act: async (mark) => {
      const id = await topicIn(f, 'vote');
      await drainAll();
      await consent(P.resident, 'topicProgress');
      await mark();
      expect(((await f.server.functions.fireTimer('deliberation', 'close-windows')) as { ok: boolean }).ok).toBe(true);
      expect(f.find('topics', { _id: id })[0]!.step).toBe('ended');
      const link = topicLink(id);
      return [
        {
          key: `topic:${id}:result:user-resident`,
          openid: P.resident,
          kind: 'topic',
          link,
          sub: { kind: 'topicProgress', page: page(link) },
        },
      ];
    },
  },
  {
    row: "a topic's execution progress recorded",
    moment: "an opinion's author",
    act: async (mark) => {
      const id = await topicIn(f, 'execute');
      f.insert('opinions', [
        {
          _id: `${id}:op-a`,
          topicId: id,
          communityId: DEMO,
          authorId: 'user-resident',
          authorName: '居民',
          text: '建议尽快施工',
          photos: [],
          supportCount: 0,
          createdAt: new Date(),
        },
      ]);
      await drainAll(); // the opening's own reminder, before the consent counted for the progress
      await consent(P.resident, 'topicProgress');
      await mark();
      await ok(
        f.call(P.leader, 'deliberation', 'addProgress', { topicId: id, percent: 30, note: '已进场施工' }),
        TopicDetail,
      );
      const link = topicLink(id);
      return [
        {
          key: `topic:${id}:progress:1:user-resident`,
          openid: P.resident,
          kind: 'topic',
          link,
          sub: { kind: 'topicProgress', page: page(link) },
        },
      ];
    },
  },
  {
    row: 'a held text of a topic, opinion or objection rejected',
    moment: 'a held opinion',
    act: async (mark) => {
      const topic = await ok(f.call(P.leader, 'deliberation', 'open', openInput()), TopicDetail);
      const opinion = (await f.call(P.resident, 'deliberation', 'postOpinion', {
        topicId: topic.id,
        text: '系统繁忙：建议加装扶手',
      })) as { ok: boolean; data: { id: string } };
      expect(opinion.ok).toBe(true);
      await mark();
      await f.call(P.leader, 'deliberation', 'clearHold', { kind: 'opinion', id: opinion.data.id, decision: 'reject' });
      const [message] = f
        .find('messages', { userId: 'user-resident' })
        .filter((m) => String(m._id).startsWith(`opinion:${opinion.data.id}:hold:`));
      return [{ key: String(message?._id), openid: P.resident, kind: 'topic', link: topicLink(topic.id), sub: null }];
    },
  },
];

beforeAll(async () => {
  await drainAll(); // whatever the fixture's history queued
});

test('every moment of the table in docs/notifications.md is walked here', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'notifications.md'), 'utf8');
  const table = doc.split('\n## ')[0]!;
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| moment') && !line.startsWith('| ---'))
    .map((line) => line.split('|')[1]!.trim());
  expect(rows.length).toBeGreaterThan(15);
  expect([...new Set(moments.map((m) => m.row))].sort()).toEqual([...rows].sort());
});

test.each(moments)(
  '$row — $moment: each person told has it in the message centre, and by subscription where consented',
  async ({ act }) => {
    let since = 0;
    const told = await act(async () => {
      since = (await outbox(f)).length;
    });
    expect(told.length).toBeGreaterThan(0);
    // The message centre: each person's own list shows the message with its kind and link (a read
    // that also delivers what is owed to them, e.g. an approved 报到 with points).
    for (const t of told) {
      const list = await ok(f.call(t.openid, 'messages', 'list', { limit: 50 }), MessageList);
      expect(list.items.find((m) => m.id === t.key)).toMatchObject({ kind: t.kind, link: t.link, read: false });
    }
    await drainAll();
    const sent = (await outbox(f)).slice(since) as Array<{ touser: string; template_id: string; page?: string }>;
    for (const t of told) {
      const message = f.find('messages', { _id: t.key })[0]!;
      if (!t.sub) {
        expect(message.push).toBeUndefined();
        expect(sent.filter((m) => m.touser === t.openid && m.page === page(t.link))).toEqual([]);
        continue;
      }
      const templateId = subscriptions[t.sub.kind].templateId;
      const mine = sent.filter((m) => m.touser === t.openid && m.template_id === templateId && m.page === t.sub!.page);
      const queued = message.push as { kind: string; state: string } | undefined;
      if (t.sub.consented === false) {
        expect(queued).toMatchObject({ kind: t.sub.kind, state: 'in-app' });
        expect(mine).toEqual([]);
      } else {
        expect(mine).toHaveLength(1);
        if (isQueuedKind(t.sub.kind)) expect(queued).toMatchObject({ kind: t.sub.kind, state: 'sent' });
        else expect(queued).toBeUndefined();
      }
    }
  },
);
