/**
 * What a person's home shows, read from their roles: first their to-dos (what waits for their
 * decision), then what is theirs and what is new. Each card loads itself with one or two small
 * list calls (a few rows, never a count of everything) and links to the screen that acts on it.
 *
 * Pure: no Taro, no React. The caller is passed in (`call` from the services in the app, the
 * in-process server in tests), so every card's inputs are checked against the real actions.
 */
import type { ActionInput, ActionName, ActionResult, Area } from '~types/actions';
import type { MeResult, Role } from '~types/account';
import { bindingStatusLabels } from '~types/labels/account';
import { stepLabels } from '~types/labels/deliberation';
import { wishStateLabels } from '~types/labels/wish';
import type { SubscriptionKind } from '~types/subscriptions';
import { formatCst } from '~types/time';
import { heldKindText, holdCauseText } from '@/shared/held';
import { quarterLabel } from '@/shared/quarter';

export type Caller = <A extends Area, N extends ActionName<A>>(
  area: A,
  action: N,
  data: ActionInput<A, N>,
) => Promise<ActionResult<A, N>>;

/** One line of a card: what it is, a detail, and (optionally) the page that opens it. */
export interface CardRow {
  id: string;
  text: string;
  detail?: string;
  url?: string;
}

export interface CardData {
  /** A one-line summary above the rows, e.g. "本季度 12 / 20 分". */
  headline?: string;
  rows: CardRow[];
  /** More rows exist than the card shows. */
  more: boolean;
}

export interface HomeCard {
  key: string;
  title: string;
  /** Whether this card is a to-do (shown first, marked 待办). */
  todo: boolean;
  /** The screen that acts on the card's rows, and its link text. */
  url: string;
  linkText: string;
  /** What an empty card says. */
  empty: string;
  /** The subscription kinds a tap on the card's link asks consent for (once a run). */
  consent?: readonly SubscriptionKind[];
  load: (call: Caller) => Promise<CardData>;
}

/** Rows a card shows: a few, so the home stays short and each call stays small. */
export const ROWS = 3;

const q = encodeURIComponent;
export const homeUrls = {
  bind: '/packages/account/pages/bind/index',
  bindingReview: (c: string) => `/packages/admin/pages/binding-review/index?communityId=${q(c)}`,
  registrationReview: (c: string) => `/packages/admin/pages/registration-review/index?communityId=${q(c)}`,
  wishReview: (c: string) => `/packages/wish/pages/review/index?communityId=${q(c)}`,
  heldTexts: (c: string, deliberation?: boolean) =>
    `/packages/wish/pages/review/index?communityId=${q(c)}&tab=held${deliberation ? '&source=deliberation' : ''}`,
  wishDetail: (id: string) => `/packages/wish/pages/detail/index?id=${q(id)}`,
  myWishes: '/packages/wish/pages/mine/index?as=poster',
  myClaims: '/packages/wish/pages/mine/index?as=claimer',
  topics: '/pages/deliberation/index',
  topic: (id: string) => `/packages/deliberation/pages/topic/index?id=${q(id)}`,
  activities: '/pages/volunteer/index',
  activity: (id: string) => `/packages/volunteer/pages/detail/index?id=${q(id)}`,
  points: (c: string) => `/packages/points/pages/mine/index?communityId=${q(c)}`,
  serviceCards: (c: string, unit: string) =>
    `/packages/points/pages/service-cards/index?communityId=${q(c)}&workUnitId=${q(unit)}`,
  dashboard: (c: string, street: boolean) =>
    `/packages/dashboard/pages/index/index?communityId=${q(c)}${street ? '&street=1' : ''}`,
  gridPeople: (c: string) => `/packages/admin/pages/people/index?communityId=${q(c)}&grid=1`,
  streetPeople: (c: string) => `/packages/admin/pages/people/index?communityId=${q(c)}&street=1`,
  messages: '/packages/messages/pages/index/index',
  wishTab: '/pages/wish/index',
} as const;

/** The tab pages (opened with switchTab, not navigateTo). */
export const TAB_URLS: readonly string[] = [
  '/pages/index/index',
  homeUrls.wishTab,
  homeUrls.activities,
  homeUrls.topics,
  '/pages/mine/index',
];

/** "12-01 14:05" in Asia/Shanghai: short enough for one line on a phone. */
function shortTime(iso: string): string {
  return formatCst(iso).slice(5);
}

const page = <T>(items: T[], nextCursor: string | null) => ({
  items: items.slice(0, ROWS),
  more: nextCursor !== null || items.length > ROWS,
});

/** Whether a topic (scoped to an estate, and maybe one building) concerns a role's place. */
function inScope(topic: { estateId: string; buildingId: string | null }, role: Role): boolean {
  if (!role.estateId) return true;
  if (topic.estateId !== role.estateId) return false;
  return !role.buildingId || !topic.buildingId || topic.buildingId === role.buildingId;
}

const has = (roles: readonly Role[], kind: Role['kind']) => roles.find((r) => r.kind === kind);

function bindingsToDecide(communityId: string): HomeCard {
  return {
    key: 'bindings',
    title: '待审核的房屋绑定',
    todo: true,
    url: homeUrls.bindingReview(communityId),
    linkText: '去审核',
    empty: '没有待审核的绑定申请',
    load: async (call) => {
      const res = await call('account', 'listBindingRequests', { communityId, status: 'pending', limit: ROWS });
      const { items, more } = page(res.items, res.nextCursor);
      return {
        rows: items.map((b) => ({
          id: b.id,
          text: `${b.userName} 申请绑定 ${b.householdLabel}`,
          detail: `提交于 ${shortTime(b.createdAt)}`,
        })),
        more,
      };
    },
  };
}

function registrationsToDecide(communityId: string): HomeCard {
  return {
    key: 'registrations',
    title: '待审核的报到',
    todo: true,
    url: homeUrls.registrationReview(communityId),
    linkText: '去审核',
    empty: '没有待审核的报到',
    load: async (call) => {
      const [members, units] = await Promise.all([
        call('checkin', 'listRegistrations', { communityId, status: 'pending', limit: ROWS }),
        call('checkin', 'listUnitRegistrations', { communityId, status: 'pending', limit: ROWS }),
      ]);
      const rows: CardRow[] = [
        ...members.items.map((r) => ({
          id: r.id,
          text: `${r.userName}（${r.workUnitName}）党员报到`,
          detail: `提交于 ${shortTime(r.createdAt)}`,
        })),
        ...units.items.map((u) => ({
          id: u.id,
          text: `${u.name} 单位报到`,
          detail: `提交于 ${shortTime(u.createdAt)}`,
        })),
      ];
      return {
        rows: rows.slice(0, ROWS),
        more: rows.length > ROWS || members.nextCursor !== null || units.nextCursor !== null,
      };
    },
  };
}

function wishesToReview(communityId: string): HomeCard {
  return {
    key: 'wish-review',
    title: '待审核的心愿',
    todo: true,
    url: homeUrls.wishReview(communityId),
    linkText: '去审核',
    empty: '没有待审核的心愿',
    consent: ['wishReview'], // the next wish waiting for review reaches WeChat too
    load: async (call) => {
      const res = await call('wish', 'reviewQueue', { communityId, limit: ROWS });
      const { items, more } = page(res.items, res.nextCursor);
      return {
        rows: items.map((w) => ({
          id: w.id,
          text: w.title,
          detail: `${w.posterName} · ${w.estateName} · 提交于 ${shortTime(w.createdAt)}`,
        })),
        more,
      };
    },
  };
}

/**
 * Text the content check left to a person (需人工复核) on wishes and on deliberation in the
 * reviewer's scope, one row per held text (wishes first), each opening the review screen's held
 * tab on its list. The caller's own texts are not listed (nobody clears their own hold).
 */
function heldToClear(communityId: string): HomeCard {
  return {
    key: 'held',
    title: '待人工复核的内容',
    todo: true,
    url: homeUrls.heldTexts(communityId),
    linkText: '去复核',
    empty: '没有待人工复核的内容',
    load: async (call) => {
      const page = { communityId, limit: ROWS };
      const [wishes, topics] = await Promise.all([
        call('wish', 'heldTexts', page),
        call('deliberation', 'heldTexts', page),
      ]);
      const rows: CardRow[] = [...wishes.items, ...topics.items].flatMap((item) =>
        item.holds.map((h) => ({
          id: `${item.kind}:${item.id}:${h.field}`,
          text: `${heldKindText[item.kind]}：${h.text.length > 24 ? `${h.text.slice(0, 24)}…` : h.text}`,
          detail: `${h.label} · ${h.authorName} · ${holdCauseText[h.cause]}`,
          url: homeUrls.heldTexts(communityId, item.kind !== 'wish'),
        })),
      );
      return {
        rows: rows.slice(0, ROWS),
        more: rows.length > ROWS || wishes.nextCursor !== null || topics.nextCursor !== null,
      };
    },
  };
}

/** Topics in progress in the leader's estate or building, each with the step it is at. */
function topicsInProgress(communityId: string, role: Role): HomeCard {
  return {
    key: 'topics',
    title: '进行中的议题',
    todo: true,
    url: homeUrls.topics,
    linkText: '全部议题',
    empty: '没有进行中的议题',
    load: async (call) => {
      // Newest activity first; archived and ended topics are dropped here, so read a few more.
      const res = await call('deliberation', 'list', { communityId, limit: 10 });
      const active = res.items.filter((t) => t.step !== 'archived' && t.step !== 'ended' && inScope(t, role));
      return {
        rows: active.slice(0, ROWS).map((t) => ({
          id: t.id,
          text: t.title,
          detail: `${stepLabels[t.step]}阶段 · ${t.scopeLabel}`,
          url: homeUrls.topic(t.id),
        })),
        more: active.length > ROWS || res.nextCursor !== null,
      };
    },
  };
}

/**
 * 网格员 / 网格长: the grid's work waiting — its households' unfinished wishes, then the topics in
 * progress that concern its buildings (one `org.getGrid` read).
 */
function gridTodos(role: Role): HomeCard {
  return {
    key: `grid-${role.gridId ?? ''}`,
    title: `本网格待办（${role.scopeLabel}）`,
    todo: true,
    url: homeUrls.gridPeople(role.communityId),
    linkText: '本网格居民',
    empty: '本网格暂无待办的心愿和议题',
    load: async (call) => {
      const res = await call('org', 'getGrid', { gridId: role.gridId! });
      const rows: CardRow[] = [
        ...res.openWishes.map((w) => ({
          id: w.id,
          text: `心愿：${w.title}`,
          detail: `${wishStateLabels[w.state]} · ${w.posterName} · ${w.householdLabel}`,
          url: homeUrls.wishDetail(w.id),
        })),
        ...res.topics.map((t) => ({
          id: t.id,
          text: `议题：${t.title}`,
          detail: `${stepLabels[t.step]}阶段 · ${t.scopeLabel}`,
          url: homeUrls.topic(t.id),
        })),
      ];
      return {
        headline: `${res.grid.name}共 ${res.buildings.length} 栋楼、${res.households.length} 户、${res.residents.length} 位居民`,
        rows: rows.slice(0, ROWS),
        more: rows.length > ROWS,
      };
    },
  };
}

/** Topics at 联审, where the 三会 give their opinions. */
function topicsToReview(communityId: string): HomeCard {
  return {
    key: 'topic-review',
    title: '待联审的议题',
    todo: true,
    url: homeUrls.topics,
    linkText: '全部议题',
    empty: '没有待联审的议题',
    load: async (call) => {
      const res = await call('deliberation', 'list', { communityId, step: 'review', limit: ROWS });
      const { items, more } = page(res.items, res.nextCursor);
      return {
        rows: items.map((t) => ({ id: t.id, text: t.title, detail: t.scopeLabel, url: homeUrls.topic(t.id) })),
        more,
      };
    },
  };
}

/** Topics at 决议 (voting) that concern the resident's household. */
function votesOpen(communityId: string, role: Role): HomeCard {
  return {
    key: 'votes',
    title: '正在表决的议题',
    todo: true,
    url: homeUrls.topics,
    linkText: '全部议题',
    empty: '目前没有需要您家表决的议题',
    load: async (call) => {
      const res = await call('deliberation', 'list', { communityId, step: 'vote', limit: 10 });
      const mine = res.items.filter((t) => inScope(t, role));
      return {
        rows: mine.slice(0, ROWS).map((t) => ({
          id: t.id,
          text: t.title,
          detail: `${t.scopeLabel} · 请为您家投票`,
          url: homeUrls.topic(t.id),
        })),
        more: mine.length > ROWS || res.nextCursor !== null,
      };
    },
  };
}

function upcomingActivities(communityId: string): HomeCard {
  return {
    key: 'activities',
    title: '近期志愿活动',
    todo: false,
    url: homeUrls.activities,
    linkText: '全部活动',
    empty: '近期没有志愿活动',
    load: async (call) => {
      const res = await call('volunteer', 'list', { communityId, when: 'upcoming', limit: ROWS });
      const { items, more } = page(res.items, res.nextCursor);
      return {
        rows: items.map((a) => ({
          id: a.id,
          text: a.title,
          detail: `${shortTime(a.startAt)} · ${a.place}${a.mySignup ? ' · 已报名' : ` · 已报 ${a.confirmedCount}/${a.quota}`}`,
          url: homeUrls.activity(a.id),
        })),
        more,
      };
    },
  };
}

function quarterProgress(communityId: string): HomeCard {
  return {
    key: 'quarter',
    title: '本季度积分',
    todo: false,
    url: homeUrls.points(communityId),
    linkText: '积分明细',
    empty: '本季度还没有积分',
    load: async (call) => {
      const res = await call('points', 'myPoints', { communityId, limit: ROWS });
      const reached = res.quarterTotal >= res.quarterThreshold;
      return {
        headline: `${quarterLabel(res.quarter)}已得 ${res.quarterTotal} / ${res.quarterThreshold} 分${reached ? '，已达标' : `，还差 ${res.quarterThreshold - res.quarterTotal} 分`}`,
        rows: res.entries.items.slice(0, ROWS).map((e) => ({
          id: e.id,
          text: e.explanation,
          detail: `${e.amount > 0 ? '+' : ''}${e.amount} 分 · ${shortTime(e.createdAt)}`,
        })),
        more: res.entries.nextCursor !== null,
      };
    },
  };
}

function myWishes(): HomeCard {
  return {
    key: 'my-wishes',
    title: '我的心愿',
    todo: false,
    url: homeUrls.myWishes,
    linkText: '全部心愿',
    empty: '您还没有许过心愿，可以在“心愿”页许一个',
    load: async (call) => {
      const res = await call('wish', 'mine', { as: 'poster', limit: ROWS });
      const { items, more } = page(res.items, res.nextCursor);
      return {
        rows: items.map((w) => ({
          id: w.id,
          text: w.title,
          detail: `${wishStateLabels[w.state]}${w.claimerName ? ` · ${w.claimerName} 认领` : ''}`,
          url: homeUrls.wishDetail(w.id),
        })),
        more,
      };
    },
  };
}

function myClaims(): HomeCard {
  return {
    key: 'my-claims',
    title: '我认领的心愿',
    todo: false,
    url: homeUrls.myClaims,
    linkText: '全部认领',
    empty: '您还没有认领心愿，可以去心愿墙看看',
    load: async (call) => {
      const res = await call('wish', 'mine', { as: 'claimer', limit: ROWS });
      const { items, more } = page(res.items, res.nextCursor);
      return {
        rows: items.map((w) => ({
          id: w.id,
          text: w.title,
          detail: `${wishStateLabels[w.state]} · ${w.posterName}`,
          url: homeUrls.wishDetail(w.id),
        })),
        more,
      };
    },
  };
}

function unitService(communityId: string, workUnitId: string, unitName: string): HomeCard {
  return {
    key: 'unit-registrations',
    title: `${unitName}的报到`,
    todo: false,
    url: homeUrls.serviceCards(communityId, workUnitId),
    linkText: '本单位服务卡',
    empty: '本单位没有待审核的报到',
    load: async (call) => {
      const res = await call('checkin', 'listRegistrations', {
        communityId,
        workUnitId,
        status: 'pending',
        limit: ROWS,
      });
      const { items, more } = page(res.items, res.nextCursor);
      return {
        rows: items.map((r) => ({
          id: r.id,
          text: `${r.userName} 报到待社区审核`,
          detail: `提交于 ${shortTime(r.createdAt)}`,
        })),
        more,
      };
    },
  };
}

function newMessages(): HomeCard {
  return {
    key: 'messages',
    title: '新消息',
    todo: false,
    url: homeUrls.messages,
    linkText: '消息中心',
    empty: '没有未读消息',
    load: async (call) => {
      const res = await call('messages', 'list', { unreadOnly: true, limit: ROWS });
      const { items, more } = page(res.items, res.nextCursor);
      return {
        rows: items.map((m) => ({ id: m.id, text: m.title, detail: `${m.body} · ${shortTime(m.createdAt)}` })),
        more,
      };
    },
  };
}

/** A person without a household yet: where their binding request stands (from account.me). */
function bindingStatus(me: MeResult): HomeCard {
  const latest = me.bindings[0];
  return {
    key: 'my-binding',
    title: '绑定我的房屋',
    todo: true,
    url: homeUrls.bind,
    linkText: latest?.status === 'pending' ? '查看申请' : '去绑定',
    empty: '绑定房屋后，即可许心愿、参加议事表决',
    load: () =>
      Promise.resolve({
        rows: latest
          ? [
              {
                id: latest.id,
                text: `${latest.householdLabel}：${bindingStatusLabels[latest.status]}`,
                detail:
                  latest.status === 'pending'
                    ? `提交于 ${shortTime(latest.createdAt)}，等待社区审核`
                    : latest.reason
                      ? `原因：${latest.reason}`
                      : undefined,
              },
            ]
          : [],
        more: false,
      }),
  };
}

/** 街道: a viewer reads the street's dashboards; a street admin grants and revokes its viewers. */
function streetWork(role: Role): HomeCard {
  const viewer = role.kind === 'street_viewer';
  return {
    key: 'street',
    title: viewer ? '街道数据看板' : '街道工作人员',
    todo: false,
    url: viewer ? homeUrls.dashboard(role.communityId, true) : homeUrls.streetPeople(role.communityId),
    linkText: viewer ? '打开看板' : '管理人员',
    empty: viewer
      ? `${role.scopeLabel}各社区的报到、心愿、志愿与议事数据（只读）`
      : `授予或撤销${role.scopeLabel}的看板查看权限`,
    load: () => Promise.resolve({ rows: [], more: false }),
  };
}

/**
 * The cards of a person's home, to-dos first, then what is theirs, then new messages. Someone
 * without a profile sees none (the greeting asks them to register); someone without a household
 * (and no street role) sees where their binding stands.
 */
export function homeCards(me: MeResult): HomeCard[] {
  if (!me.profile) return [];
  const roles = me.roles;
  const admin = has(roles, 'admin');
  const leader = has(roles, 'building_leader') ?? has(roles, 'estate_leader');
  const council = has(roles, 'council_member');
  const member = has(roles, 'member');
  const liaison = roles.find((r) => r.kind === 'liaison' && r.workUnitId);
  const resident = has(roles, 'resident');
  const street = roles.filter((r) => (r.kind === 'street_viewer' || r.kind === 'street_admin') && r.streetId);
  const grids = roles.filter((r) => (r.kind === 'grid_worker' || r.kind === 'grid_leader') && r.gridId);
  // One card per grid, even for someone who is both its 网格员 and its 网格长.
  const gridCards = [...new Map(grids.map((r) => [r.gridId, r])).values()].map(gridTodos);
  const reviewer = admin ?? leader;
  const pendingBinding = me.bindings.some((b) => b.status === 'pending');

  const cards: Array<HomeCard | false | undefined> = [
    // To-dos: what waits for this person's decision or vote.
    !resident && (pendingBinding || (street.length === 0 && grids.length === 0)) && bindingStatus(me),
    ...gridCards,
    reviewer && bindingsToDecide(reviewer.communityId),
    admin && registrationsToDecide(admin.communityId),
    reviewer && wishesToReview(reviewer.communityId),
    reviewer && heldToClear(reviewer.communityId),
    leader && topicsInProgress(leader.communityId, leader),
    council && topicsToReview(council.communityId),
    resident && votesOpen(resident.communityId, resident),
    // What is theirs, and what is coming.
    member && quarterProgress(member.communityId),
    (member ?? resident ?? grids[0]) && upcomingActivities((member ?? resident ?? grids[0])!.communityId),
    member && myClaims(),
    resident && myWishes(),
    liaison && unitService(liaison.communityId, liaison.workUnitId!, liaison.scopeLabel),
    ...street.map(streetWork),
    newMessages(),
  ];
  return cards.filter((c): c is HomeCard => Boolean(c));
}
