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
import { TopicDetail, type Step } from '../../types/deliberation';
import { MessageList, RecordConsentResult } from '../../types/messages';
import { isQueuedKind, type SubscriptionKind } from '../../types/subscriptions';
import { WishDetail } from '../../types/wish';
import { applyForUnit, declarePartyMembers, decideRegistration, decideUnit, registerMember } from '../checkin/helpers';
import { eligibleOf, insertResidentOpinion, openInput, openVoteOn, setTopic, topicIn } from '../deliberation/helpers';
import { fileFixture, demoPersonas as P } from '../support/fixtures';
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

const expireAndRelease = async () =>
  expect(((await f.server.functions.fireTimer('wish', 'expire-and-release')) as { ok: boolean }).ok).toBe(true);

/**
 * A wish's move: the wish walked to `from` (then `fields` set, e.g. back-dated), moved by `move`;
 * each of `told` — the event (`<n>`: the claim's number), the person, the kind sent at once.
 */
function wishMoment(
  row: string,
  from: Parameters<typeof wishIn>[1],
  move: (wishId: string) => Promise<unknown>,
  told: Array<[event: string, openid: string, kind: SubscriptionKind]>,
  fields?: Record<string, unknown>,
): Moment {
  return {
    row,
    moment: told.map(([event]) => event).join(', '),
    act: async (mark) => {
      const id = await wishIn(f, from);
      if (fields) await setWish(f, id, fields);
      await mark();
      await move(id);
      const n = String(f.find('wishes', { _id: id })[0]!.claimSeq);
      const link = wishLink(id);
      return told.map(([event, openid, kind]) => ({
        key: `wish:${id}:${event.replace('<n>', n)}`,
        openid,
        kind: 'wish',
        link,
        sub: atOnce(kind, link),
      }));
    },
  };
}

/**
 * A topic's moment told to the resident with a queued kind: the topic put at `from` (null: the
 * move opens it and answers its id), `prepare`d, the queue emptied, the resident's consent
 * counted; then `move`. The message's key is `topic:<id>:<event>:user-resident`.
 */
function topicMoment(
  row: string,
  moment: string,
  o: {
    from: Step | null;
    kind: SubscriptionKind;
    event: string;
    prepare?: (topicId: string) => void;
    move: (topicId: string) => Promise<unknown>;
  },
): Moment {
  return {
    row,
    moment,
    act: async (mark) => {
      const at = o.from ? await topicIn(f, o.from) : '';
      if (at) o.prepare?.(at);
      await drainAll(); // what the set-up queued, before the consent counted for this moment
      await consent(P.resident, o.kind);
      await mark();
      const moved = await o.move(at);
      const id = at || (moved as string);
      const link = topicLink(id);
      return [
        {
          key: `topic:${id}:${o.event}:user-resident`,
          openid: P.resident,
          kind: 'topic',
          link,
          sub: { kind: o.kind, page: page(link) },
        },
      ];
    },
  };
}

const REGISTER_PAGE = '/packages/checkin/pages/register/index';

/**
 * An application decided (approved, or rejected with `reason`): the applicant consents to
 * `applicationResult`, `apply` makes the application (its id), `decide` decides it. An approval of
 * a member's 报到 with points leaves the message owed: the applicant's message centre read (or the
 * send timer) delivers it.
 */
function decisionMoment(
  row: string,
  decision: 'approve' | 'reject',
  o: {
    openid: string;
    kind: string;
    link: string;
    reason: string;
    apply: () => Promise<string>;
    decide: (id: string, data: object) => Promise<{ ok: boolean }>;
    key: (id: string) => string;
  },
): Moment {
  return {
    row,
    moment: decision === 'approve' ? 'approved' : 'rejected',
    act: async (mark) => {
      await consent(o.openid, 'applicationResult');
      const id = await o.apply();
      await mark();
      expect((await o.decide(id, decision === 'approve' ? { decision } : { decision, reason: o.reason })).ok).toBe(
        true,
      );
      const sub = { kind: 'applicationResult' as const, page: MESSAGE_CENTRE };
      return [{ key: o.key(id), openid: o.openid, kind: o.kind, link: o.link, sub }];
    },
  };
}

/**
 * A text held for manual review on a topic (`kind` the document held): the resident writes it
 * (`write` answers the document's id), and is told so in the message centre (owed on the document,
 * delivered by their own message list).
 */
function heldOnTopic(
  moment: string,
  kind: string,
  write: (topicId: string) => Promise<unknown>,
  o: { step: Step; author: string } = { step: 'collect', author: P.resident },
): Moment {
  return {
    row: 'a text of a topic, opinion, objection or rating held for manual review',
    moment,
    act: async (mark) => {
      const topicId = await topicIn(f, o.step);
      if (o.step === 'evaluate') setTopic(f, topicId, { 'evaluation.endsAt': new Date(Date.now() + 3_600_000) });
      await mark();
      const written = await write(topicId);
      const id =
        typeof written === 'string'
          ? written
          : kind === 'rating'
            ? String(f.find('topic_ratings', { topicId })[0]!._id)
            : topicId;
      const key = (await ok(f.call(o.author, 'messages', 'list', { limit: 50 }), MessageList)).items.find(
        (m) => m.id.startsWith(`${kind}:${id}:hold:`) && m.id.endsWith(':held'),
      )?.id;
      return [{ key: String(key), openid: o.author, kind: 'topic', link: topicLink(topicId), sub: null }];
    },
  };
}

const topicAct = (openid: string, action: string, data: object) =>
  ok(f.call(openid, 'deliberation', action, data), TopicDetail);

const moments: Moment[] = [
  ...(['approve', 'reject'] as const).map((decision) =>
    decisionMoment('a binding request approved / rejected', decision, {
      openid: P.newcomer,
      kind: 'account',
      link: '/packages/account/pages/bind/index',
      reason: '房屋信息不符',
      apply: async () => {
        const other = f.find('households', { buildingId: 'bld-xfl-2' }).find((h) => h._id !== 'hh-xfl-2-102')!;
        const householdId = decision === 'approve' ? 'hh-xfl-2-102' : other._id;
        const body = f.call(P.newcomer, 'account', 'requestBinding', { householdId, relation: 'tenant' });
        return (await ok(body, BindingRequest)).id;
      },
      decide: (requestId, data) => f.call(P.admin, 'account', 'decideBinding', { requestId, ...data }),
      key: (id) => `binding:${id}:decided`,
    }),
  ),
  ...(['approve', 'reject'] as const).map((decision) =>
    decisionMoment("a work unit's 报到 approved / rejected", decision, {
      openid: P.resident,
      kind: 'checkin',
      link: REGISTER_PAGE,
      reason: '名称有误',
      apply: async () => (await applyForUnit(f, decision === 'approve' ? '区图书馆' : '区文化馆')).id,
      decide: (id, data) => decideUnit(f, id, data),
      key: (id) => `unit-registration:${id}:decided`,
    }),
  ),
  ...(['reject', 'approve'] as const).map((decision) =>
    decisionMoment("a member's 报到 approved / rejected", decision, {
      openid: P.resident,
      kind: 'checkin',
      link: REGISTER_PAGE,
      reason: '单位信息有误',
      apply: async () => (await registerMember(f)).id,
      decide: (id, data) => decideRegistration(f, id, data),
      key: (id) => `registration:${id}:decided`,
    }),
  ),
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
  wishMoment('a wish claimed', 'published', (id) => wishCall(P.member, 'claim', { wishId: id }), [
    ['claimed:<n>', P.resident, 'wishProgress'],
  ]),
  wishMoment(
    'a claim released by its claimer',
    'claimed',
    (id) => wishCall(P.member, 'release', { wishId: id, reason: '临时有事无法完成' }),
    [['released:<n>', P.resident, 'wishProgress']],
  ),
  wishMoment(
    'a claim revoked',
    'claimed',
    (id) => wishCall(P.admin, 'revokeClaim', { wishId: id, reason: '长时间未联系居民' }),
    [['revoked:<n>', P.member, 'claimProgress']],
  ),
  wishMoment(
    'a wish fulfilled',
    'claimed',
    (id) => wishCall(P.member, 'fulfil', { wishId: id, note: '已经送去助行器并教会使用', photos: [] }),
    [['fulfilled', P.resident, 'wishProgress']],
  ),
  wishMoment('a wish confirmed done', 'fulfilled', (id) => wishCall(P.resident, 'confirm', { wishId: id, rating: 5 }), [
    ['confirmed', P.member, 'claimProgress'],
  ]),
  wishMoment(
    'a claim released by the timer',
    'claimed',
    expireAndRelease,
    [
      ['auto-released:<n>', P.member, 'claimProgress'],
      ['auto-released:<n>:poster', P.resident, 'wishProgress'],
    ],
    { claimedAt: new Date(Date.now() - 15 * DAY) },
  ),
  wishMoment('a wish expired', 'published', expireAndRelease, [['expired', P.resident, 'wishProgress']], {
    wantedByEnd: new Date(Date.now() - DAY),
  }),
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
      const link = wishLink(wish.id);
      return [{ key: String(message?._id), openid: P.resident, kind: 'wish', link, sub: atOnce('wishProgress', link) }];
    },
  },
  {
    row: 'a text of a wish held for manual review',
    moment: 'a held title, at posting',
    act: async (mark) => {
      await mark();
      const wish = await wishCall(P.resident, 'post', wishInput({ title: heldTitle }));
      const held = f
        .find('messages', { userId: 'user-resident' })
        .filter((m) => String(m._id).startsWith(`wish:${wish.id}:hold:`) && String(m._id).endsWith(':held'));
      expect(held).toHaveLength(1);
      return [{ key: String(held[0]!._id), openid: P.resident, kind: 'wish', link: wishLink(wish.id), sub: null }];
    },
  },
  {
    row: 'a text of a wish held for manual review',
    moment: "a held note, at the claimer's fulfilment",
    act: async (mark) => {
      const id = await wishIn(f, 'claimed');
      await mark();
      await wishCall(P.member, 'fulfil', { wishId: id, note: '系统繁忙：已经送去助行器', photos: [] });
      const held = f
        .find('messages', { userId: 'user-member' })
        .filter((m) => String(m._id).startsWith(`wish:${id}:hold:`) && String(m._id).endsWith(':held'));
      expect(held).toHaveLength(1);
      return [{ key: String(held[0]!._id), openid: P.member, kind: 'wish', link: wishLink(id), sub: null }];
    },
  },
  heldOnTopic('a held opinion', 'opinion', async (topicId) => {
    const body = f.call(P.resident, 'deliberation', 'postOpinion', { topicId, text: '系统繁忙：建议加装扶手' });
    return ((await body) as { data: { id: string } }).data.id;
  }),
  heldOnTopic(
    'a held rating comment',
    'rating',
    (topicId) => topicAct(P.resident, 'rate', { topicId, score: 4, comment: '系统繁忙时写的评价' }),
    { step: 'evaluate', author: P.resident },
  ),
  heldOnTopic(
    "a leader's held progress note (an update of the topic)",
    'topic',
    (topicId) => topicAct(P.leader, 'addProgress', { topicId, percent: 30, note: '系统繁忙：已进场' }),
    { step: 'execute', author: P.leader },
  ),
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
  topicMoment('a topic opened in my building (my estate, for an estate-wide one)', 'a building topic', {
    from: null,
    kind: 'topicProgress',
    event: 'opened',
    move: async () =>
      (await ok(f.call(P.leader, 'deliberation', 'open', openInput({ title: '1号楼楼道扶手加装' })), TopicDetail)).id,
  }),
  topicMoment("a topic's vote opened", 'a resident of an eligible household', {
    from: 'review',
    kind: 'voteOpen',
    event: 'vote-open',
    move: (id) => openVoteOn(f, id),
  }),
  topicMoment("a topic's vote closed: passed (公示 until …) / not passed", 'passed', {
    from: 'vote',
    kind: 'topicProgress',
    event: 'result',
    prepare: (id) =>
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
      ),
    move: (id) => ok(f.call(P.leader, 'deliberation', 'closeVote', { topicId: id }), TopicDetail),
  }),
  topicMoment("a topic's vote closed: passed (公示 until …) / not passed", 'not passed (closed by the scheduler)', {
    from: 'vote',
    kind: 'topicProgress',
    event: 'result',
    move: async (id) => {
      expect(((await f.server.functions.fireTimer('deliberation', 'close-windows')) as { ok: boolean }).ok).toBe(true);
      expect(f.find('topics', { _id: id })[0]!.step).toBe('ended');
    },
  }),
  topicMoment("a topic's execution progress recorded", "an opinion's author", {
    from: 'execute',
    kind: 'topicProgress',
    event: 'progress:1',
    prepare: (id) => insertResidentOpinion(f, id),
    move: (id) =>
      ok(
        f.call(P.leader, 'deliberation', 'addProgress', { topicId: id, percent: 30, note: '已进场施工' }),
        TopicDetail,
      ),
  }),
  {
    row: 'a held text of a topic, opinion, objection or rating rejected',
    moment: 'a held opinion',
    act: async (mark) => {
      const topic = await ok(f.call(P.leader, 'deliberation', 'open', openInput()), TopicDetail);
      const opinion = (await f.call(P.resident, 'deliberation', 'postOpinion', {
        topicId: topic.id,
        text: '系统繁忙：建议加装扶手',
      })) as { ok: boolean; data: { id: string } };
      expect(opinion.ok).toBe(true);
      await drainAll(); // what the set-up queued, before the consent counted for this moment
      await consent(P.resident, 'topicProgress');
      await mark();
      await f.call(P.leader, 'deliberation', 'clearHold', { kind: 'opinion', id: opinion.data.id, decision: 'reject' });
      const [message] = f
        .find('messages', { userId: 'user-resident' })
        .filter((m) => String(m._id).startsWith(`opinion:${opinion.data.id}:hold:`));
      const link = topicLink(topic.id);
      const sub = { kind: 'topicProgress' as const, page: page(link) };
      return [{ key: String(message?._id), openid: P.resident, kind: 'topic', link, sub }];
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
