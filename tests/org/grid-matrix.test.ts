/**
 * Grid scoping, every action (issue #19, "Done when": every action × the 网格员 role × in / out of
 * grid). The seeded 网格员 吴晓燕 (第一网格 = 幸福里 1–2号楼, no home of her own in the community)
 * calls EVERY action of every router (the registry `actions` of types/actions.ts, which each
 * router's `defineRoutes` must cover) once about something inside her grid — a household,
 * resident, wish, topic or building of 幸福里 1号楼 — and once about something outside it —
 * 和谐家园 2号楼 (第三网格) or another community (东湖) — and each answer is one of:
 * - refused with the declared code and reason, writing nothing;
 * - allowed (a read she may make, a 代办 act for a consenting resident of her grid);
 * - allowed but masked (full phones inside her grid only, docs/privacy.md);
 * - self-scoped: an act on her own account, one call proving it touches only her.
 * A new action fails the completeness test until it is classified here. The 网格长 (same grid,
 * also a resident and a Party member there) repeats the rows about the grid itself.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { actions } from '../../types/actions';
import { buildDemoData } from '../../emulator/seed/demo-community';
import { fullPhonesIn, openidOfRoleHolder } from '../account/helpers';
import { applyForUnit } from '../checkin/helpers';
import { passedProposal, setTopic, topicIn } from '../deliberation/helpers';
import { aMessage, anEvent, anOpinion, aRegistration, aRole, aTopic } from '../support/factories';
import { DEMO, OTHER, demoPersonas as P, fileFixture, otherPersonas } from '../support/fixtures';
import { expectRefusedIn } from '../support/refusals';
import { publish } from '../volunteer/helpers';
import { upload, wishIn, wishInput } from '../wish/helpers';

const f = fileFixture();
const worker = P.gridWorker;
const gridLeader = openidOfRoleHolder((r) => r.kind === 'grid_leader' && r.gridId === 'grid-1');
const ALL_ACTS = ['post_wish', 'confirm_wish', 'sign_up', 'post_opinion', 'cast_ballot'];
const DAY = 86_400_000;
const later = (ms: number) => new Date(Date.now() + ms);

interface Resident {
  openid: string;
  userId: string;
  householdId: string;
  room: string;
  phone: string;
}

/** A demo resident of `buildingId` holding no other role (not a named persona). */
function residentOf(buildingId: string, nth = 0): Resident {
  const demo = buildDemoData(new Date(0));
  const holdsMore = (userId: string) => demo.roles.some((r) => r.userId === userId && r.kind !== 'resident');
  const role = demo.roles.filter(
    (r) =>
      r.kind === 'resident' && r.buildingId === buildingId && r.userId.startsWith('user-r') && !holdsMore(r.userId),
  )[nth]!;
  const user = demo.users.find((u) => u._id === role.userId)!;
  const room = demo.households.find((h) => h._id === role.householdId)!.room;
  if (!user.phone) throw new Error(`${user._id} has no phone to look for`);
  return { openid: user.openid, userId: user._id, householdId: role.householdId!, room, phone: user.phone };
}
/** 张秀英 of 1号楼 1-102: the resident inside the grid. */
const IN: Resident = {
  openid: P.resident,
  userId: 'user-resident',
  householdId: 'hh-xfl-1-102',
  room: '1-102',
  phone: '13810000006',
};
/** A resident of 2号楼 (also in 第一网格) whose consent the recordProxyConsent row records. */
const IN2 = residentOf('bld-xfl-2');
/** A resident of 和谐家园 2号楼 (第三网格): outside the grid. */
const OUT = residentOf('bld-hxjy-2');
const hxjyLeader = openidOfRoleHolder((r) => r.kind === 'building_leader' && r.buildingId === 'bld-hxjy-2');

/** Ids made before the table runs (wishes, topics, consents …), keyed by what they are. */
const ids: Record<string, string> = {};
const id = (key: string) => {
  const value = ids[key];
  if (!value) throw new Error(`no fixture '${key}'`);
  return value;
};

async function consent(proxy: string, who: Resident, over: Record<string, unknown> = {}): Promise<string> {
  const reply = await f.call(proxy, 'account', 'recordProxyConsent', {
    communityId: DEMO,
    householdId: who.householdId,
    residentId: who.userId,
    scope: ALL_ACTS,
    kind: 'written',
    photoFileId: await upload(f),
    ...over,
  });
  return okData(reply).id;
}

/** Answers `reply`'s data, or fails the set-up with its error. */
function okData(reply: any): any {
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.data;
}

/** `proxy` posts a wish for a resident (`input` names the consent); answers the act's audit entry. */
async function proxyActOf(proxy: string, input: Record<string, unknown>): Promise<string> {
  const wish = okData(await f.call(proxy, 'wish', 'post', input));
  return f.find('audit_log', { targetId: wish.id }).find((e) => String(e.action).startsWith('proxy.'))!._id;
}

/** `openid` applies to register a work unit in `communityId`; answers the application's id. */
async function unitApplication(openid: string, communityId: string): Promise<string> {
  const data = okData(
    await f.call(openid, 'checkin', 'registerWorkUnit', {
      communityId,
      name: '东湖志愿服务队',
      partyOrgName: '东湖志愿服务队党支部',
      contactPhone: '13912345678',
    }),
  );
  return data.id;
}

beforeAll(async () => {
  ids.consentIn = await consent(worker, IN);
  ids.consentToWithdraw = await consent(worker, IN, { kind: 'verbal', scope: ['post_wish'], photoFileId: undefined });
  ids.consentOut = await consent(hxjyLeader, OUT);
  ids.wishIn = await wishIn(f, 'published');
  ids.wishOut = await wishIn(f, 'published', { poster: OUT.openid });
  ids.wishSubmittedIn = await wishIn(f, 'submitted');
  ids.wishSubmittedOut = await wishIn(f, 'submitted', { poster: OUT.openid });
  ids.fulfilledIn = await wishIn(f, 'fulfilled');
  ids.fulfilledOut = await wishIn(f, 'fulfilled', { poster: OUT.openid });
  const open = async (openid: string, over: Record<string, unknown>) => {
    const reply = await f.call(openid, 'deliberation', 'open', {
      communityId: DEMO,
      title: '楼道加装照明',
      background: '楼道晚上太暗，老人上下楼不安全，请大家发表意见。',
      collectEndsAt: later(7 * DAY).toISOString(),
      ...over,
    });
    return okData(reply).id as string;
  };
  ids.topicIn = await open(P.leader, { estateId: 'estate-xfl', buildingId: 'bld-xfl-1' });
  ids.topicOut = await open(hxjyLeader, { estateId: 'estate-hxjy', buildingId: 'bld-hxjy-2' });
  ids.voteIn = await topicIn(f, 'vote');
  setTopic(f, ids.voteIn, { 'vote.closesAt': later(DAY), voteClosesAt: later(DAY) });
  f.insert('topics', [aTopic({ _id: 'topic-other' })]);
  f.insert('opinions', [
    anOpinion({ _id: 'op-in', topicId: ids.topicIn, communityId: DEMO, authorId: IN.userId, authorName: '张秀英' }),
    anOpinion({ _id: 'op-out', topicId: ids.topicOut, communityId: DEMO, authorId: OUT.userId, authorName: '居民' }),
  ]);
  ids.actIn = (await publish(f)).id;
  ids.actOut = (await publish(f, { openid: otherPersonas.admin, communityId: OTHER })).id;
  ids.voteOut = await open(hxjyLeader, { estateId: 'estate-hxjy', buildingId: 'bld-hxjy-2' });
  setTopic(f, ids.voteOut, {
    step: 'vote',
    proposals: [passedProposal()],
    vote: { ...(f.find('topics', { _id: ids.voteIn })[0]!.vote as object), eligible: [], eligibleHouseholds: 0 },
    voteClosesAt: later(DAY),
  });
  ids.claimedIn = await wishIn(f, 'claimed');
  ids.claimedOut = await wishIn(f, 'claimed', { poster: OUT.openid });
  f.insert('registrations', [
    aRegistration({ _id: 'reg-in', userId: IN.userId, communityId: DEMO, householdId: IN.householdId }),
    aRegistration({ _id: 'reg-out' }),
  ]);
  ids.unitIn = (await applyForUnit(f, '幸福里网格服务队')).id;
  ids.unitOut = await unitApplication(otherPersonas.resident, OTHER);
  // A request to live in 2号楼 (in the grid); the seeded newcomer's is for 和谐家园 (outside it).
  ids.bindingIn = okData(
    await f.call(otherPersonas.resident, 'account', 'requestBinding', {
      householdId: 'hh-xfl-2-502',
      relation: 'tenant',
    }),
  ).id;
  f.insert('messages', [
    aMessage({ _id: 'msg-hers', userId: 'user-grid-worker', communityId: DEMO }),
    aMessage({ _id: 'msg-resident', userId: IN.userId, communityId: DEMO }),
  ]);
  ids.proxyActIn = await proxyActOf(worker, wishInput({ householdId: IN.householdId, proxy: proxyIn() }));
  ids.proxyActOut = await proxyActOf(hxjyLeader, wishInput({ householdId: OUT.householdId, proxy: proxyOut() }));
  f.insert('events', [
    anEvent({
      _id: 'ev-in',
      communityId: DEMO,
      organiserId: 'user-admin',
      startAt: later(DAY),
      endAt: later(DAY + 7_200_000),
    }),
    anEvent({ _id: 'ev-out', startAt: later(DAY), endAt: later(DAY + 7_200_000) }),
  ]);
});

/** An input, or a thunk for one naming what the set-up made (`id(…)`). */
type Data = object | (() => unknown);
type Check = (data: any) => void;
/** What one call must answer: refused [code, reason], writing nothing; or allowed, its data passing `check`. */
type Expect = { refused: [code: string, reason: string] } | { allowed: string; check: Check };
interface Side {
  data: Data;
  expect: Expect;
}
interface Row {
  action: string;
  /** Absent for a self-scoped action: one call, about her own account. */
  in: Side;
  out?: Side;
  /** The grid role alone decides the answer: the 网格长 gets the same (checked for them too). */
  gridRow?: boolean;
}

const refused = (code: string, reason: string): Expect => ({ refused: [code, reason] });
const allowed = (what: string, check: Check = () => undefined): Expect => ({ allowed: what, check });
const forbidden = (reason: string) => refused('FORBIDDEN', reason);
const notAdmin = forbidden('auth.not-admin');
/** Her grid's full phones are there; nobody else's. */
const phonesOfGridOnly: Check = (data) => {
  expect(fullPhonesIn(data)).not.toContain(OUT.phone);
};
const noPhones: Check = (data) => expect(fullPhonesIn(data)).toEqual([]);
const withInPhone: Check = (data) => {
  expect(fullPhonesIn(data)).toContain(IN.phone);
  phonesOfGridOnly(data);
};

/** The same refusal for the in-grid and the out-of-grid target. */
const refusedBoth = (action: string, inData: Data, outData: Data, expectation: Expect): Row => ({
  action,
  in: { data: inData, expect: expectation },
  out: { data: outData, expect: expectation },
});
/** An admin-only action: refused as not an admin in her community and in another one. */
const adminOnly = (action: string, inData: Data, outData: Data, expectation: Expect = notAdmin) =>
  refusedBoth(action, inData, outData, expectation);
const scoped = (action: string, inSide: [Data, Expect], outSide: [Data, Expect], gridRow = false): Row => ({
  action,
  in: { data: inSide[0], expect: inSide[1] },
  out: { data: outSide[0], expect: outSide[1] },
  gridRow,
});
/** Acts on her own account: one call. */
const self = (action: string, data: Data, expectation: Expect): Row => ({ action, in: { data, expect: expectation } });

/** A community-wide read with a page: hers allowed, another community's refused with `reason`. */
const communityRead = (action: string, reason: string, more: Record<string, unknown> = {}, check?: Check) =>
  scoped(
    action,
    [{ communityId: DEMO, limit: 20, ...more }, allowed('her community', check)],
    [{ communityId: OTHER, limit: 20, ...more }, forbidden(reason)],
  );
const byCommunity = (extra: Record<string, unknown> = {}) =>
  [{ communityId: DEMO, ...extra }, () => ({ communityId: OTHER, ...extra })] as const;
const byTopic = (extra: Record<string, unknown> = {}) =>
  [() => ({ topicId: id('topicIn'), ...extra }), () => ({ topicId: id('topicOut'), ...extra })] as const;
/** A wish of 张秀英 (1号楼) and one of a resident outside the grid, published, submitted or claimed. */
const byWish = (state: 'wish' | 'wishSubmitted' | 'claimed', extra: Record<string, unknown> = {}) =>
  [() => ({ wishId: id(`${state}In`), ...extra }), () => ({ wishId: id(`${state}Out`), ...extra })] as const;
const byActivity = (extra: Record<string, unknown> = {}) =>
  [() => ({ activityId: id('actIn'), ...extra }), () => ({ activityId: id('actOut'), ...extra })] as const;
const byVote = () => [() => ({ topicId: id('voteIn') }), () => ({ topicId: id('voteOut') })] as const;
/** A 代办 act's audit entry: hers inside the grid, a building leader's outside it. */
const byProxyAct = () =>
  [() => ({ auditId: id('proxyActIn'), ...reason }), () => ({ auditId: id('proxyActOut'), ...reason })] as const;
const byEvent = (extra: Record<string, unknown> = {}) =>
  [{ eventId: 'ev-in', ...extra }, () => ({ eventId: 'ev-out', ...extra })] as const;
const proxyIn = () => ({ consentId: id('consentIn') });
const proxyOut = () => ({ consentId: id('consentOut') });
const outsideScope = forbidden('proxy.outside-scope');
const reason = { reason: '网格员越权测试' };

const table: Row[] = [
  self('system.ping', {}, allowed('public')),

  // account
  self(
    'account.me',
    {},
    allowed('her profile', (d) => expect(JSON.stringify(d)).toContain('吴晓燕')),
  ),
  self(
    'account.saveProfile',
    () => ({ name: '吴晓燕', phone: f.find('users', { openid: worker })[0]!.phone, avatarUrl: null }),
    allowed('her own profile', (d) => expect(d.name ?? d.user?.name).toBe('吴晓燕')),
  ),
  self(
    'account.requestBinding',
    () => ({ householdId: OUT.householdId, relation: 'family' }),
    allowed('her own application, decided by the building’s leader'),
  ),
  self('account.withdrawBinding', { requestId: 'bind-demo-newcomer' }, forbidden('binding.not-yours')),
  refusedBoth('account.listBindingRequests', ...byCommunity({ limit: 20 }), forbidden('binding.not-reviewer')),
  refusedBoth(
    'account.decideBinding',
    () => ({ requestId: id('bindingIn'), decision: 'approve' }),
    { requestId: 'bind-demo-newcomer', decision: 'approve' },
    forbidden('binding.not-decider'),
  ),
  scoped(
    'account.listPeople',
    [{ communityId: DEMO, limit: 50 }, allowed('her grid’s residents, phones in full', withInPhone)],
    [{ communityId: OTHER, limit: 50 }, forbidden('people.not-allowed')],
    true,
  ),
  adminOnly(
    'account.grantRole',
    () => ({ userId: IN.userId, communityId: DEMO, kind: 'grid_worker', gridId: 'grid-1' }),
    () => ({ userId: OUT.userId, communityId: DEMO, kind: 'building_leader', buildingId: 'bld-hxjy-2' }),
  ),
  adminOnly(
    'account.revokeRole',
    () => ({ roleId: f.find('roles', { kind: 'resident', userId: IN.userId })[0]!._id, ...reason }),
    () => ({ roleId: f.find('roles', { kind: 'resident', userId: OUT.userId })[0]!._id, ...reason }),
  ),
  adminOnly('account.listAudit', ...byCommunity({ limit: 20 })),
  scoped(
    'account.findProxyResident',
    [
      { communityId: DEMO, buildingId: 'bld-xfl-1', room: '1-102' },
      allowed('her grid’s household and its residents, no phones', (d) => {
        expect(d.household.residents.map((r: any) => r.name)).toContain('张秀英');
        noPhones(d);
      }),
    ],
    [() => ({ communityId: DEMO, buildingId: 'bld-hxjy-2', room: OUT.room }), outsideScope],
    true,
  ),
  scoped(
    'account.recordProxyConsent',
    [
      () => ({
        communityId: DEMO,
        householdId: IN2.householdId,
        residentId: IN2.userId,
        scope: ['post_wish'],
        kind: 'verbal',
      }),
      allowed('a consent of her grid’s resident, naming her'),
    ],
    [
      () => ({
        communityId: DEMO,
        householdId: OUT.householdId,
        residentId: OUT.userId,
        scope: ['post_wish'],
        kind: 'verbal',
      }),
      outsideScope,
    ],
    true,
  ),
  self(
    'account.myProxyConsents',
    {},
    allowed('only consents naming her as the resident: not those she recorded for her residents', (d) => {
      expect(JSON.stringify(d)).not.toContain(id('consentIn'));
      expect(JSON.stringify(d)).not.toContain(id('consentOut'));
    }),
  ),
  scoped(
    'account.withdrawProxyConsent',
    [() => ({ consentId: id('consentToWithdraw') }), allowed('a consent she recorded')],
    [() => ({ consentId: id('consentOut') }), forbidden('proxy.not-withdrawer')],
  ),

  // org
  self('org.listCommunities', {}, allowed('the communities she works in')),
  scoped(
    'org.getTree',
    [{ communityId: DEMO }, allowed('the tree, no phone in full', noPhones)],
    [{ communityId: OTHER }, allowed('any community’s tree (people choose their room from it), no phone', noPhones)],
  ),
  scoped(
    'org.listHouseholds',
    [{ buildingId: 'bld-xfl-1' }, allowed('floor areas', (d) => expect(d.items[0]).toHaveProperty('floorArea'))],
    [
      { buildingId: 'bld-hxjy-2' },
      allowed('masked: no floor area', (d) => expect(d.items[0]).not.toHaveProperty('floorArea')),
    ],
    true,
  ),
  adminOnly(
    'org.updateCommunity',
    { communityId: DEMO, name: '幸福里社区', address: '改' },
    { communityId: OTHER, name: '东湖社区', address: '改' },
  ),
  adminOnly(
    'org.saveEstate',
    { communityId: DEMO, estateId: 'estate-xfl', name: '幸福里', partyBranchName: '幸福里党支部' },
    { communityId: DEMO, estateId: 'estate-hxjy', name: '和谐', partyBranchName: '和谐党支部' },
  ),
  adminOnly(
    'org.saveBuilding',
    { estateId: 'estate-xfl', buildingId: 'bld-xfl-1', name: '1号楼', partyGroupName: '1号楼党小组' },
    () => ({
      estateId: 'estate-hxjy',
      buildingId: 'bld-hxjy-2',
      name: '1号楼',
      partyGroupName: '1号楼党小组',
      gridId: 'grid-1',
    }),
  ),
  adminOnly(
    'org.saveHousehold',
    () => ({ buildingId: 'bld-xfl-1', householdId: IN.householdId, room: '1-102', floorArea: 90, isPartyCenter: true }),
    () => ({
      buildingId: 'bld-hxjy-2',
      householdId: OUT.householdId,
      room: '1-101',
      floorArea: 90,
      isPartyCenter: true,
    }),
  ),
  adminOnly('org.deleteNode', () => ({ kind: 'household', id: IN.householdId }), {
    kind: 'building',
    id: 'bld-hxjy-2',
  }),
  adminOnly(
    'org.saveWorkUnit',
    () => ({
      communityId: DEMO,
      name: '网格服务站',
      partyOrgName: '网格党支部',
      contactPhone: '13800000000',
      liaisonUserId: IN.userId,
    }),
    () => ({
      communityId: OTHER,
      name: '网格服务站',
      partyOrgName: '网格党支部',
      contactPhone: '13800000000',
      liaisonUserId: IN.userId,
    }),
  ),
  adminOnly(
    'org.saveGrid',
    { communityId: DEMO, gridId: 'grid-1', name: '我的网格' },
    { communityId: DEMO, gridId: 'grid-3', name: '别人的网格' },
  ),
  adminOnly('org.deleteGrid', { gridId: 'grid-1' }, { gridId: 'grid-3' }),
  adminOnly(
    'org.assignBuildings',
    { gridId: 'grid-1', buildingIds: ['bld-xfl-1'] },
    { gridId: 'grid-1', buildingIds: ['bld-hxjy-2'] },
  ),
  scoped(
    'org.getGrid',
    [{ gridId: 'grid-1' }, allowed('her grid’s desk, phones in full', withInPhone)],
    [{ gridId: 'grid-3' }, forbidden('org.not-grid-worker')],
    true,
  ),
  adminOnly(
    'org.importHouseholds',
    ...byCommunity({ fileID: 'cloud://local-dev.local/imports/households.xlsx', dryRun: true }),
  ),

  // checkin
  refusedBoth(
    'checkin.registerMember',
    () => ({ communityId: DEMO, workUnitId: 'wu-tax', householdId: IN.householdId, intentions: ['elderly'] }),
    () => ({ communityId: DEMO, workUnitId: 'wu-tax', householdId: OUT.householdId, intentions: ['elderly'] }),
    refused('PRECONDITION_FAILED', 'registration.not-party-member'),
  ),
  self(
    'checkin.myRegistrations',
    {},
    allowed('her own registrations: none', (d) => expect(d.items ?? d).toEqual([])),
  ),
  refusedBoth('checkin.listRegistrations', ...byCommunity({ limit: 20 }), forbidden('registration.not-reviewer')),
  adminOnly(
    'checkin.decideRegistration',
    { registrationId: 'reg-in', decision: 'approve' },
    { registrationId: 'reg-out', decision: 'approve' },
  ),
  self(
    'checkin.withdrawRegistration',
    { registrationId: 'reg-someone', ...reason },
    refused('NOT_FOUND', 'registration.not-found'),
  ),
  self(
    'checkin.registerWorkUnit',
    () => ({
      communityId: DEMO,
      name: '网格志愿服务队',
      partyOrgName: '网格志愿服务队党支部',
      contactPhone: '13800000000',
    }),
    allowed('her own application, decided by an admin'),
  ),
  adminOnly('checkin.listUnitRegistrations', ...byCommunity({ limit: 20 })),
  adminOnly(
    'checkin.decideUnitRegistration',
    () => ({ unitRegistrationId: id('unitIn'), decision: 'approve' }),
    () => ({ unitRegistrationId: id('unitOut'), decision: 'approve' }),
  ),
  refusedBoth(
    'checkin.createEvent',
    ...byCommunity({
      title: '网格议事会',
      kind: 'meeting',
      place: '1号楼',
      startAt: later(DAY).toISOString(),
      endAt: later(DAY + 3_600_000).toISOString(),
    }),
    forbidden('event.not-organiser'),
  ),
  refusedBoth('checkin.cancelEvent', ...byEvent(reason), forbidden('event.not-manager')),
  communityRead('checkin.listEvents', 'checkin.not-in-community', { when: 'upcoming' }),
  refusedBoth('checkin.liveCode', ...byEvent(), forbidden('event.not-manager')),
  scoped(
    'checkin.checkIn',
    [{ eventId: 'ev-in', code: '123456' }, refused('PRECONDITION_FAILED', 'checkin.outside-window')],
    [{ eventId: 'ev-out', code: '123456' }, forbidden('checkin.not-in-community')],
  ),
  refusedBoth(
    'checkin.recordAttendance',
    () => ({ eventId: 'ev-in', userId: IN.userId, ...reason }),
    () => ({ eventId: 'ev-out', userId: OUT.userId, ...reason }),
    forbidden('event.not-manager'),
  ),
  refusedBoth('checkin.listAttendance', ...byEvent({ limit: 20 }), forbidden('event.not-manager')),
  adminOnly('checkin.reconcile', ...byCommunity()),

  // points
  scoped(
    'points.getRules',
    [{ communityId: DEMO }, allowed('her community’s rules')],
    [{ communityId: OTHER }, forbidden('points.not-in-community')],
  ),
  adminOnly(
    'points.updateRules',
    ...byCommunity({
      registration: 1,
      checkin: 1,
      volunteerHour: 1,
      wishFulfilled: 1,
      deliberation: 1,
      quarterThreshold: 1,
    }),
  ),
  communityRead('points.myPoints', 'points.not-in-community', {}, (d) => expect(d.entries.items).toEqual([])),
  refusedBoth(
    'points.memberLedger',
    { communityId: DEMO, userId: 'user-member', limit: 20 },
    () => ({ communityId: DEMO, userId: OUT.userId, limit: 20 }),
    forbidden('points.not-ledger-viewer'),
  ),
  adminOnly(
    'points.adjustPoints',
    { communityId: DEMO, userId: 'user-member', amount: 5, ...reason },
    { communityId: OTHER, userId: 'user-other-resident', amount: 5, ...reason },
  ),
  adminOnly('points.reverseEntry', { entryId: 'entry-in', ...reason }, { entryId: 'entry-out', ...reason }),
  adminOnly('points.quarterReport', ...byCommunity({ quarter: '2026Q4' })),
  adminOnly('points.closeQuarter', ...byCommunity({ quarter: '2026Q3' })),
  adminOnly(
    'points.rate',
    () => ({
      communityId: DEMO,
      year: 2026,
      target: 'member',
      targetId: 'user-member',
      grade: 'excellent',
      comment: '',
    }),
    () => ({
      communityId: OTHER,
      year: 2026,
      target: 'member',
      targetId: 'user-other-resident',
      grade: 'excellent',
      comment: '',
    }),
  ),
  adminOnly('points.listRatings', ...byCommunity({ year: 2026 })),
  self('points.serviceCards', { workUnitId: 'wu-tax', quarter: '2026Q4' }, forbidden('points.not-unit-viewer')),
  adminOnly('points.exportXlsx', ...byCommunity({ kind: 'quarter_report', quarter: '2026Q4' })),
  adminOnly('points.reconcile', ...byCommunity()),

  // wish
  scoped(
    'wish.post',
    [
      () => wishInput({ householdId: IN.householdId, proxy: proxyIn() }),
      allowed('代办 for her grid’s resident', (d) => expect(d.proxyName).toBe('吴晓燕')),
    ],
    [() => wishInput({ householdId: OUT.householdId, proxy: proxyOut() }), outsideScope],
    true,
  ),
  refusedBoth('wish.review', ...byWish('wishSubmitted', { decision: 'publish' }), forbidden('wish.not-reviewer')),
  refusedBoth('wish.withdraw', ...byWish('wish'), forbidden('wish.not-poster')),
  refusedBoth('wish.claim', ...byWish('wish'), forbidden('wish.not-claimant')),
  refusedBoth('wish.release', ...byWish('claimed', reason), forbidden('wish.not-claimer')),
  refusedBoth('wish.revokeClaim', ...byWish('claimed', reason), forbidden('wish.not-admin')),
  refusedBoth(
    'wish.fulfil',
    ...byWish('claimed', { note: '已经帮忙办好了', photos: [] }),
    forbidden('wish.not-claimer'),
  ),
  scoped(
    'wish.confirm',
    [() => ({ wishId: id('fulfilledIn'), rating: 5, proxy: proxyIn() }), allowed('代办 for its poster in her grid')],
    [() => ({ wishId: id('fulfilledOut'), rating: 5, proxy: proxyOut() }), outsideScope],
    true,
  ),
  scoped(
    'wish.get',
    [() => ({ wishId: id('wishIn') }), allowed('the poster’s phone in full', withInPhone)],
    [() => ({ wishId: id('wishOut') }), allowed('masked', phonesOfGridOnly)],
    true,
  ),
  communityRead('wish.wall', 'wish.not-in-community', {}, noPhones),
  self(
    'wish.mine',
    { limit: 20, as: 'poster' },
    allowed('her own wishes: none', (d) => expect(d.items).toEqual([])),
  ),
  refusedBoth('wish.heldTexts', ...byCommunity({ limit: 20 }), forbidden('wish.not-reviewer')),
  refusedBoth('wish.clearHold', ...byWish('wishSubmitted', { decision: 'pass' }), forbidden('wish.not-reviewer')),
  refusedBoth('wish.reviewQueue', ...byCommunity({ limit: 20 }), forbidden('wish.not-reviewer')),
  adminOnly('wish.refuseProxyAct', ...byProxyAct()),

  // volunteer
  refusedBoth(
    'volunteer.publish',
    ...byCommunity({
      title: '网格清洁日',
      category: 'environment',
      description: '清理楼道杂物，美化环境',
      place: '1号楼',
      startAt: later(3 * DAY).toISOString(),
      endAt: later(3 * DAY + 3_600_000).toISOString(),
      signupDeadline: later(2 * DAY).toISOString(),
      quota: 10,
      pointsPerHour: 2,
      audience: 'everyone',
    }),
    forbidden('activity.not-publisher'),
  ),
  refusedBoth('volunteer.edit', ...byActivity({ title: '改个名字' }), forbidden('activity.not-manager')),
  refusedBoth('volunteer.cancel', ...byActivity(reason), forbidden('activity.not-manager')),
  communityRead('volunteer.list', 'volunteer.not-in-community', { when: 'upcoming' }),
  scoped(
    'volunteer.get',
    [() => ({ activityId: id('actIn') }), allowed('an activity of her community', noPhones)],
    [() => ({ activityId: id('actOut') }), forbidden('volunteer.not-in-community')],
  ),
  scoped(
    'volunteer.signUp',
    [
      () => ({ activityId: id('actIn'), proxy: proxyIn() }),
      allowed('代办 sign-up of her grid’s resident', (d) => expect(d.state).toBe('confirmed')),
    ],
    [() => ({ activityId: id('actIn'), proxy: proxyOut() }), outsideScope],
    true,
  ),
  refusedBoth('volunteer.cancelSignup', ...byActivity(), refused('PRECONDITION_FAILED', 'signup.not-active')),
  refusedBoth('volunteer.liveCode', ...byActivity({ direction: 'in' }), forbidden('activity.not-manager')),
  self('volunteer.scan', { code: 'not-a-code' }, refused('PRECONDITION_FAILED', 'qr.malformed')),
  refusedBoth('volunteer.roster', ...byActivity(), forbidden('activity.not-manager')),
  refusedBoth(
    'volunteer.correctAttendance',
    () => ({ activityId: id('actIn'), userId: IN.userId, state: 'completed', ...reason }),
    () => ({ activityId: id('actOut'), userId: 'user-other-resident', state: 'completed', ...reason }),
    forbidden('activity.not-manager'),
  ),
  communityRead('volunteer.myHours', 'volunteer.not-in-community', {}, (d) => expect(d.records.items).toEqual([])),
  refusedBoth('volunteer.exportRoster', ...byActivity(), forbidden('activity.not-manager')),
  adminOnly('volunteer.reconcile', ...byActivity()),
  adminOnly('volunteer.refuseProxyAct', ...byProxyAct()),

  // deliberation
  refusedBoth('deliberation.heldTexts', ...byCommunity({ limit: 20 }), forbidden('topic.not-leader')),
  refusedBoth(
    'deliberation.clearHold',
    () => ({ kind: 'topic', id: id('topicIn'), decision: 'pass' }),
    () => ({ kind: 'topic', id: id('topicOut'), decision: 'pass' }),
    forbidden('topic.not-leader'),
  ),
  refusedBoth(
    'deliberation.open',
    () => ({
      communityId: DEMO,
      estateId: 'estate-xfl',
      buildingId: 'bld-xfl-1',
      title: '网格议题',
      background: '网格员想替居民开一个议题看看能不能开。',
      photos: [],
      collectDays: 7,
    }),
    () => ({
      communityId: DEMO,
      estateId: 'estate-hxjy',
      buildingId: 'bld-hxjy-2',
      title: '网格议题',
      background: '网格员想替居民开一个议题看看能不能开。',
      photos: [],
      collectDays: 7,
    }),
    forbidden('topic.not-leader'),
  ),
  communityRead('deliberation.list', 'topic.not-in-community'),
  scoped(
    'deliberation.get',
    [() => ({ topicId: id('topicIn') }), allowed('a topic of her grid')],
    [{ topicId: 'topic-other' }, forbidden('topic.out-of-scope')],
  ),
  refusedBoth('deliberation.advance', ...byTopic({ to: 'review' }), forbidden('topic.not-leader')),
  refusedBoth('deliberation.end', ...byTopic(reason), forbidden('topic.not-leader')),
  scoped(
    'deliberation.postOpinion',
    [() => ({ topicId: id('topicIn'), text: '同意加装照明', photos: [], proxy: proxyIn() }), allowed('代办 opinion')],
    [() => ({ topicId: id('topicOut'), text: '同意加装照明', photos: [], proxy: proxyOut() }), outsideScope],
    true,
  ),
  refusedBoth(
    'deliberation.supportOpinion',
    { opinionId: 'op-in' },
    { opinionId: 'op-out' },
    forbidden('topic.not-in-scope'),
  ),
  scoped(
    'deliberation.listOpinions',
    [() => ({ topicId: id('topicIn'), limit: 20, sort: 'time' }), allowed('the opinions, no phone', noPhones)],
    [{ topicId: 'topic-other', limit: 20, sort: 'time' }, forbidden('topic.out-of-scope')],
  ),
  refusedBoth(
    'deliberation.draftProposal',
    ...byTopic({ text: '由物业在每层楼道加装感应灯。', answersOpinionIds: [] }),
    forbidden('topic.not-leader'),
  ),
  refusedBoth(
    'deliberation.recordReview',
    ...byTopic({ body: 'party_branch', verdict: 'agree', comment: '' }),
    forbidden('review.not-entitled'),
  ),
  scoped(
    'deliberation.castBallot',
    [() => ({ topicId: id('voteIn'), choice: 'agree', proxy: proxyIn() }), allowed('the household’s ballot by 代办')],
    [() => ({ topicId: id('voteIn'), choice: 'agree', proxy: proxyOut() }), outsideScope],
    true,
  ),
  scoped(
    'deliberation.turnout',
    [() => ({ topicId: id('voteIn') }), allowed('the turnout of her grid’s vote', noPhones)],
    [{ topicId: 'topic-other' }, forbidden('topic.out-of-scope')],
  ),
  refusedBoth('deliberation.closeVote', ...byVote(), forbidden('topic.not-leader')),
  scoped(
    'deliberation.recomputeTally',
    [() => ({ topicId: id('voteIn') }), refused('PRECONDITION_FAILED', 'topic.no-tally')],
    [{ topicId: 'topic-other' }, forbidden('topic.out-of-scope')],
  ),
  refusedBoth('deliberation.lodgeObjection', ...byTopic({ text: '我反对这个方案' }), forbidden('topic.not-in-scope')),
  refusedBoth(
    'deliberation.answerObjection',
    ...byTopic({ objectionId: 'obj-x', answer: '已经研究过了' }),
    forbidden('topic.not-leader'),
  ),
  refusedBoth('deliberation.suspendNotice', ...byTopic(reason), forbidden('notice.not-supervisor')),
  refusedBoth('deliberation.liftSuspension', ...byTopic(reason), forbidden('notice.not-supervisor')),
  refusedBoth(
    'deliberation.addProgress',
    ...byTopic({ percent: 50, note: '已完成一半', photos: [] }),
    forbidden('topic.not-leader'),
  ),
  refusedBoth(
    'deliberation.rate',
    () => ({ topicId: id('topicIn'), score: 5, comment: '', householdId: IN.householdId }),
    () => ({ topicId: id('topicOut'), score: 5, comment: '', householdId: OUT.householdId }),
    forbidden('rating.not-eligible'),
  ),
  adminOnly('deliberation.reconcile', ...byCommunity()),
  adminOnly('deliberation.refuseProxyAct', ...byProxyAct()),

  // dashboard
  adminOnly(
    'dashboard.overview',
    { communityId: DEMO, from: '2026-11-01', to: '2026-11-30', street: false, gridId: 'grid-1' },
    { communityId: DEMO, from: '2026-11-01', to: '2026-11-30', street: false, gridId: 'grid-3' },
  ),
  adminOnly(
    'dashboard.exportXlsx',
    ...byCommunity({ kind: 'members', from: '2026-11-01', to: '2026-11-30', pageSize: 50 }),
  ),
  adminOnly('dashboard.rebuildRollups', ...byCommunity()),

  // messages
  self(
    'messages.list',
    { limit: 20, unreadOnly: false },
    allowed('her own messages', (d) => expect(d.items.map((m: any) => m.id)).toEqual(['msg-hers'])),
  ),
  self(
    'messages.unreadCount',
    {},
    allowed('her own count', (d) => expect(d.unread).toBe(1)),
  ),
  self(
    'messages.markRead',
    { all: true },
    allowed('her own messages, not her residents’', () =>
      expect(f.find('messages', { _id: 'msg-resident' })[0]!.read).toBe(false),
    ),
  ),
  self('messages.templates', {}, allowed('public')),
  self('messages.recordConsent', { kinds: ['wishReview'] }, allowed('her own consent')),
];

/** Writes nothing unless `allowed`, then calls and checks the answer. */
async function expectSide(openid: string, action: string, side: Side): Promise<void> {
  const [area, name] = action.split('.') as [string, string];
  const data = typeof side.data === 'function' ? side.data() : side.data;
  if ('refused' in side.expect) {
    await expectRefusedIn(f, area, openid, name, data, ...side.expect.refused);
    return;
  }
  const reply = await f.call(openid, area, name, data);
  if (!reply.ok) throw new Error(`${action}: expected allowed, got ${JSON.stringify(reply.error)}`);
  side.expect.check(reply.data);
}

const describeSide = (e: Expect) =>
  'refused' in e ? `refused (${e.refused[1]}), writing nothing` : `allowed: ${e.allowed}`;

function sentence(row: Row, who = 'a 网格员'): string {
  if (!row.out) return `${row.action} by ${who} acts on her own account only — ${describeSide(row.in.expect)}`;
  const [inS, outS] = [describeSide(row.in.expect), describeSide(row.out.expect)];
  return inS === outS
    ? `${row.action} by ${who} is ${inS.replace(/^allowed: /, 'allowed ')} in and out of her grid`
    : `${row.action} by ${who}: in her grid ${inS}; out of it ${outS}`;
}

test('every action of every router is classified here, once', () => {
  // Each router runs exactly its area's registry (`defineRoutes(actions, { … })`); every area is in it.
  const routers = readdirSync(join(__dirname, '..', '..', 'cloudfunctions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== '_shared')
    .map((d) => d.name);
  expect(Object.keys(actions).sort()).toEqual(routers.sort());
  const all = Object.entries(actions).flatMap(([area, specs]) => Object.keys(specs).map((a) => `${area}.${a}`));
  const classified = table.map((r) => r.action);
  expect(all.filter((a) => !classified.includes(a))).toEqual([]);
  expect(classified.filter((a) => !all.includes(a))).toEqual([]);
  expect(new Set(classified).size).toBe(classified.length);
});

describe('every action × the 网格员 吴晓燕 × in / out of her grid', () => {
  test.each(table.map((row) => [sentence(row), row] as const))('%s', async (_sentence, row) => {
    await expectSide(worker, row.action, row.in);
    if (row.out) await expectSide(worker, row.action, row.out);
  });
});

describe('the 网格长 of the same grid, where the grid role decides', () => {
  // The in-grid 代办 acts were done above (for the same resident, on the same targets: a second
  // one would meet the first); here the 网格长's reads in the grid and every refusal outside it.
  const reads = (row: Row) => /\.(get|find|list)/.test(row.action);
  const rows = table
    .filter((r) => r.gridRow && r.out)
    .map((row): Row => (reads(row) ? row : { action: row.action, in: row.out!, out: row.out }));
  test.each(
    rows.map(
      (row) =>
        [
          reads(row)
            ? sentence(row, 'the 网格长')
            : `${row.action} by the 网格长 out of her grid is ${describeSide(row.in.expect)}`,
          row,
        ] as const,
    ),
  )('%s', async (_sentence, row) => {
    await expectSide(gridLeader, row.action, row.in);
    if (row.in !== row.out) await expectSide(gridLeader, row.action, row.out!);
  });
});

describe('a resident who moved out of the grid is no longer hers to act for', () => {
  /** A resident of 2号楼 (第一网格) who consented to every act, then moved to 和谐家园 2号楼 (第三网格). */
  const MOVER = residentOf('bld-xfl-2', 1);
  let consentId = '';
  beforeAll(async () => {
    consentId = await consent(worker, MOVER);
    const [home] = f.find('roles', { kind: 'resident', userId: MOVER.userId });
    okData(await f.call(P.admin, 'account', 'revokeRole', { roleId: home!._id, reason: '已搬到和谐家园' }));
    f.insert('roles', [
      aRole({
        kind: 'resident',
        userId: MOVER.userId,
        communityId: DEMO,
        estateId: 'estate-hxjy',
        buildingId: 'bld-hxjy-2',
        householdId: 'hh-hxjy-2-502',
        scopeLabel: '和谐家园 · 2号楼 · 2-502',
      }),
    ]);
  });
  const proxy = () => ({ consentId });
  const acts: Array<[string, Data]> = [
    ['wish.post', () => wishInput({ proxy: proxy() })],
    ['volunteer.signUp', () => ({ activityId: id('actIn'), proxy: proxy() })],
    ['deliberation.postOpinion', () => ({ topicId: id('topicOut'), text: '同意加装照明', photos: [], proxy: proxy() })],
    ['deliberation.castBallot', () => ({ topicId: id('voteIn'), choice: 'agree', proxy: proxy() })],
  ];
  test.each(acts)(
    '%s for her on the consent she gave in 第一网格 is refused (proxy.outside-scope), writing nothing',
    async (action, data) => {
      await expectSide(worker, action, { data, expect: outsideScope });
    },
  );
});
