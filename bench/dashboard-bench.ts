/**
 * Benchmark of the dashboard (数据看板, issues #8 and #18) at district scale, read from roll-ups.
 * Run: npx tsx bench/dashboard-bench.ts  (several minutes on 2 cores)
 * Options: --runs=60 (calls per overview row) --street-runs=40 --small=0.22 --large=300000
 *          --exports=1 (also time the export pages, --export-runs=10)
 *
 * What it does:
 * 1. Seeds one street of 10 communities (sizes 0.5×–1.5× of a typical one) straight into a
 *    temp emulator database (bulk inserts, deterministic PRNG): estates, buildings (half of them
 *    in a grid), households, residents, Party members, liaisons and admins with their roles,
 *    work units, 报到 registrations in every status, events and check-ins, wishes in every state
 *    with their timelines, volunteer activities with sign-ups and hours, topics at every step
 *    with their step history, and the points ledger — a batch at `--small` of its size, about
 *    30,000 documents — then rolls them up (dashboard.rebuildRollups called page by page per
 *    community, as its admin: the one recount, which leaves the roll-ups and marks as the fold
 *    job would; the marks and the rebuild's audit entries are not counted in the documents).
 * 2. Runs the real `dashboard.overview` verb through @cloudbase/node-sdk over HTTP, as the
 *    deployed function does, as a real admin of the largest community (c00), for the year to
 *    date: the community view, an estate, a building, the grid 未划分网格 and the street view (the
 *    10 communities summed). Each is called sequentially after a warm-up: p50/p95 latency in ms
 *    and the database requests per call (EmulatorDatabase.stats()), and a few figures of the
 *    last call, to show that every section comes from real data (an empty section fails the run).
 * 3. Seeds full batches of everything but the skeleton until at least `--large` (300,000)
 *    documents, rolls up again and measures again.
 * 4. Prints, as its LAST line:
 *    `scale: <N> documents; overview p95 <x> ms, street p95 <y> ms, <r> requests per call; 300k/30k ratio <q>`
 *    (x, y at the large size; r the most requests of any call; q the larger of the two p95 ratios).
 * The clock of the verbs is fixed (2026-11-28 20:00 Asia/Shanghai), so the check-in quarter
 * (2026Q4) and the figures do not depend on the day the benchmark runs.
 */
import { Collections } from '../cloudfunctions/_shared/collections';
import os from 'node:os';
import type { MemberType } from '../types/account';
import { DashboardExportInput, OverviewInput, RebuildRollupsInput, type Overview } from '../types/dashboard';
import type { Step } from '../types/deliberation';
import { fromCst, quarterOf } from '../types/time';
import { ActivityCategory, type SignupState } from '../types/volunteer';
import type { WishCategory, WishState } from '../types/wish';
import { database } from '../cloudfunctions/_shared/database';
import {
  buildRole,
  type BuildingDoc,
  type CheckinDoc,
  type CommunityDoc,
  type EstateDoc,
  type EventDoc,
  type HouseholdDoc,
  type RegistrationDoc,
  type StreetDoc,
  type UserDoc,
  type WorkUnitDoc,
} from '../cloudfunctions/_shared/documents';
import { type LedgerDoc } from '../cloudfunctions/_shared/ledger';
import { exportXlsx } from '../cloudfunctions/dashboard/src/export-xlsx';
import { overview } from '../cloudfunctions/dashboard/src/overview';
import { rebuildRollups } from '../cloudfunctions/dashboard/src/rebuild-rollups';
import { rangeOf } from '../cloudfunctions/dashboard/src/where';
import type { HistoryDoc, TopicDoc } from '../cloudfunctions/deliberation/src/store';
import type { ActivityDoc, SignupDoc } from '../cloudfunctions/volunteer/src/store';
import type { TimelineDoc, WishDoc } from '../cloudfunctions/wish/src/store';
import type { EmulatorDatabase } from '../emulator/db/index';
import { encodeValue } from '../emulator/db/ejson-codec';
import { localCtx } from '../tests/support/local-ctx';
import { openBenchDatabase } from './support/sdk-database';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const RUNS = arg('runs', 60);
const STREET_RUNS = arg('street-runs', 40);
const EXPORT_RUNS = arg('export-runs', 10);
/** --exports=1 also times the export pages (off by default: issue #18 part 5 is elsewhere). */
const EXPORTS = arg('exports', 0) === 1;
/** The small size: a batch at this fraction (about 30,000 documents); the large: batches until LARGE. */
const SMALL = arg('small', 0.22);
const LARGE = arg('large', 300_000);
const WARMUP = 2;

// ---- the district -----------------------------------------------------------------------------

/** Relative size of each community (c00 is the busiest, the one measured). */
const SIZE = [1.5, 1.3, 1.2, 1.1, 1.0, 1.0, 0.9, 0.8, 0.7, 0.5];
const COMMUNITY_NAMES = ['幸福里', '东湖', '新华', '和平', '光明', '朝阳', '兴业', '建设', '胜利', '春晖'];
const ESTATES_PER_COMMUNITY = 4;
const BUILDINGS_PER_ESTATE = 6; // × size
const UNITS_PER_COMMUNITY = 10;
/** Per batch and a community of size 1. */
const HOUSEHOLDS_PER_BUILDING = 30;
const MEMBERS = 250;
const EVENTS = 40;
const WISHES = 400;
const ACTIVITIES = 50;
const TOPICS = 40;
const ADJUSTMENTS = 300;

const NOW = fromCst(2026, 11, 28, 20);
const YEAR_START = fromCst(2026, 1, 1);
const RANGE = { from: '2026-01-01', to: '2026-11-30' };
const H = 3_600_000;
const D = 24 * H;

let seed = 20261128;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** A value picked by weight: `[[value, weight], …]`. */
function weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of table) {
    r -= w;
    if (r < 0) return v;
  }
  return table[table.length - 1]![0];
}
/** A random instant in [from, to). */
const between = (from: Date, to: Date) =>
  new Date(from.getTime() + Math.floor(rand() * (to.getTime() - from.getTime())));
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '秀英桂兰建华志强丽娟国平海燕文杰春梅晓明玉兰建国红霞立新伟东淑珍德明慧敏永刚俊峰佳怡子涵雨轩';
const nameOf = (n: number) =>
  `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}${n % 3 === 0 ? '' : GIVEN[(n * 13 + 5) % GIVEN.length]}`;

const cid = (c: number) => `c${String(c).padStart(2, '0')}`;
const adminOpenid = (c: number) => `admin-${cid(c)}-0`;

/** Buffers documents per collection and inserts them 1000 at a time; counts what it wrote. */
class Seeder {
  readonly counts = new Map<string, number>();
  private readonly buffers = new Map<string, object[]>();
  constructor(private readonly db: EmulatorDatabase) {}

  add(collection: string, doc: object): void {
    let buf = this.buffers.get(collection);
    if (!buf) this.buffers.set(collection, (buf = []));
    buf.push(doc);
    if (buf.length >= 1000) this.write(collection, buf);
  }

  flush(): void {
    for (const [collection, buf] of this.buffers) this.write(collection, buf);
  }

  private write(collection: string, buf: object[]): void {
    if (buf.length === 0) return;
    const r = this.db.handle({
      action: 'database.insertDocument',
      collectionName: collection,
      data: buf.map((d) => encodeValue(d)),
    });
    if (r['code']) throw new Error(`seed ${collection} failed: ${String(r['message'])}`);
    this.counts.set(collection, (this.counts.get(collection) ?? 0) + buf.length);
    buf.length = 0;
  }

  total(): number {
    return [...this.counts.values()].reduce((s, n) => s + n, 0);
  }
}

interface Place {
  communityId: string;
  estates: Array<{ id: string; name: string; buildings: Array<{ id: string; name: string }> }>;
  units: Array<{ id: string; name: string }>;
  adminId: string;
}

function user(id: string, name: string, at: Date): UserDoc {
  return { _id: id, openid: `o-${id}`, name, phone: null, avatarUrl: null, createdAt: at, updatedAt: at };
}

/** The street, communities, estates, buildings, work units with liaisons, and two admins each. */
function seedSkeleton(s: Seeder): Place[] {
  const street: StreetDoc = { _id: 'street-1', name: '红旗街道' };
  s.add('streets', street);
  const places: Place[] = [];
  let n = 0;
  for (let c = 0; c < SIZE.length; c++) {
    const communityId = cid(c);
    const cname = `${COMMUNITY_NAMES[c]}社区`;
    const community: CommunityDoc = {
      _id: communityId,
      streetId: street._id,
      name: cname,
      address: `红旗街道${c + 1}号`,
      updatedAt: YEAR_START,
    };
    s.add('communities', community);
    const place: Place = { communityId, estates: [], units: [], adminId: '' };
    for (let e = 0; e < ESTATES_PER_COMMUNITY; e++) {
      const estate: EstateDoc = {
        _id: `${communityId}-e${e}`,
        communityId,
        name: `${COMMUNITY_NAMES[c]}${['花园', '新村', '家园', '苑'][e]}`,
        partyBranchName: `${COMMUNITY_NAMES[c]}第${e + 1}党支部`,
        createdAt: YEAR_START,
        updatedAt: YEAR_START,
      };
      s.add('estates', estate);
      const buildings: Place['estates'][number]['buildings'] = [];
      for (let b = 0; b < Math.max(2, Math.round(BUILDINGS_PER_ESTATE * SIZE[c]!)); b++) {
        const building: BuildingDoc = {
          _id: `${estate._id}-b${b}`,
          communityId,
          estateId: estate._id,
          name: `${b + 1}号楼`,
          partyGroupName: `${estate.name}${b + 1}号楼党小组`,
          // Half the buildings in the estate's grid, half in 未划分网格 (no gridId).
          ...(b % 2 === 0 ? { gridId: `${estate._id}-grid` } : {}),
          createdAt: YEAR_START,
          updatedAt: YEAR_START,
        };
        s.add('buildings', building);
        buildings.push({ id: building._id, name: building.name });
      }
      place.estates.push({ id: estate._id, name: estate.name, buildings });
    }
    for (let w = 0; w < UNITS_PER_COMMUNITY; w++) {
      const liaisonId = `${communityId}-liaison${w}`;
      const unit: WorkUnitDoc = {
        _id: `${communityId}-wu${w}`,
        communityId,
        name: `${['区教育局', '区卫健委', '市供电公司', '区税务局', '街道卫生院', '第一中学', '区法院', '区城管局', '市自来水公司', '区人社局'][w]}（${COMMUNITY_NAMES[c]}）`,
        partyOrgName: `党支部${c}-${w}`,
        contactPhone: '',
        liaisonUserId: liaisonId,
        createdAt: YEAR_START,
        updatedAt: YEAR_START,
      };
      s.add('work_units', unit);
      place.units.push({ id: unit._id, name: unit.name });
      s.add('users', user(liaisonId, nameOf(n++), YEAR_START));
      s.add(
        'roles',
        buildRole({
          kind: 'liaison',
          userId: liaisonId,
          communityId,
          scopeId: unit._id,
          workUnitId: unit._id,
          scopeLabel: unit.name,
          grantedBy: null,
          grantedAt: YEAR_START,
        }),
      );
    }
    for (let a = 0; a < 2; a++) {
      const adminId = `${communityId}-admin${a}`;
      s.add('users', { ...user(adminId, nameOf(n++), YEAR_START), openid: `admin-${communityId}-${a}` });
      s.add(
        'roles',
        buildRole({
          kind: 'admin',
          userId: adminId,
          communityId,
          scopeId: communityId,
          scopeLabel: cname,
          grantedBy: null,
          grantedAt: YEAR_START,
        }),
      );
      if (a === 0) place.adminId = adminId;
    }
    places.push(place);
  }
  s.flush();
  return places;
}

let ledgerSerial = 0;
function ledger(
  s: Seeder,
  communityId: string,
  userId: string,
  amount: number,
  reason: LedgerDoc['reason'],
  sourceId: string,
  at: Date,
  hours = 0,
): void {
  const entry: LedgerDoc = {
    _id: sourceId || `adjustment:${ledgerSerial++}`,
    userId,
    communityId,
    amount,
    reason,
    sourceId,
    explanation: reason === 'adjustment' ? '管理员调整' : '',
    quarter: quarterOf(at),
    hours,
    reversesId: null,
    createdBy: null,
    createdAt: at,
  };
  s.add(Collections.pointLedger, entry);
}

/** One batch of people and activity for every community (batch 0, then batch 1 doubles it). */
function seedBatch(s: Seeder, places: Place[], b: number, scale = 1): void {
  for (const [c, place] of places.entries()) {
    const f = SIZE[c]!;
    const communityId = place.communityId;
    const tag = `${communityId}-${b}`;
    const sized = (n: number) => Math.round(n * f * scale);

    // Households and their residents (one each, a second in a quarter of them).
    const households: Array<{ id: string; estateId: string; buildingId: string; label: string }> = [];
    const residents: Array<{ id: string; name: string; hh: (typeof households)[number] }> = [];
    for (const estate of place.estates) {
      for (const building of estate.buildings) {
        for (let i = 0; i < Math.round(HOUSEHOLDS_PER_BUILDING * scale); i++) {
          const room = `${b + 1}-${1 + Math.floor(i / 2)}0${1 + (i % 2)}`;
          const hh: HouseholdDoc = {
            _id: `${building.id}-${room}`,
            communityId,
            estateId: estate.id,
            buildingId: building.id,
            room,
            floorArea: int(45, 140),
            isPartyCenter: rand() < 0.03,
            createdAt: YEAR_START,
            updatedAt: YEAR_START,
          };
          s.add('households', hh);
          const h = {
            id: hh._id,
            estateId: estate.id,
            buildingId: building.id,
            label: `${estate.name} · ${building.name} · ${room}`,
          };
          households.push(h);
          for (let k = 0; k < (rand() < 0.25 ? 2 : 1); k++) {
            const userId = `r-${hh._id}-${k}`;
            const name = nameOf(residents.length * 31 + c + b * 7);
            s.add('users', user(userId, name, YEAR_START));
            s.add(
              'roles',
              buildRole({
                kind: 'resident',
                userId,
                communityId,
                scopeId: hh._id,
                estateId: estate.id,
                buildingId: building.id,
                householdId: hh._id,
                scopeLabel: h.label,
                grantedBy: place.adminId,
                grantedAt: YEAR_START,
              }),
            );
            residents.push({ id: userId, name, hh: h });
          }
        }
      }
    }

    // Party members: in office (with a work unit and a 报到 registration) or retired.
    const members: Array<{ id: string; name: string; unit: Place['units'][number] | null; zeal: number }> = [];
    for (let m = 0; m < sized(MEMBERS); m++) {
      const userId = `m-${tag}-${m}`;
      const name = nameOf(m * 17 + c * 3 + b);
      const memberType = weighted<MemberType>([
        ['in_office', 70],
        ['retired', 27],
        ['mobile', 3],
      ]);
      const unit = memberType === 'in_office' ? pick(place.units) : null;
      s.add('users', user(userId, name, YEAR_START));
      s.add(
        'roles',
        buildRole({
          kind: 'member',
          userId,
          communityId,
          scopeId: communityId,
          workUnitId: unit?.id ?? null,
          memberType,
          scopeLabel: `${COMMUNITY_NAMES[c]}社区`,
          grantedBy: place.adminId,
          grantedAt: YEAR_START,
        }),
      );
      // How often this member turns up to an event (a few never do, a few always do).
      const zeal = weighted([
        [0.03, 25],
        [0.25, 30],
        [0.5, 30],
        [0.8, 15],
      ]);
      members.push({ id: userId, name, unit, zeal });
      if (unit) {
        const status = weighted<RegistrationDoc['status']>([
          ['approved', 82],
          ['pending', 6],
          ['rejected', 6],
          ['withdrawn', 6],
        ]);
        const hh = pick(households);
        const createdAt = between(YEAR_START, later(NOW, -D));
        const decidedAt = status === 'approved' || status === 'rejected' ? later(createdAt, int(1, 96) * H) : null;
        const reg: RegistrationDoc = {
          _id: `reg-${userId}`,
          userId,
          userName: name,
          communityId,
          workUnitId: unit.id,
          workUnitName: unit.name,
          partyOrgName: '',
          householdId: hh.id,
          householdLabel: hh.label,
          skills: ['理发', '法律咨询', '家电维修'].slice(0, int(0, 2)),
          intentions: ['助老', '环境整治'].slice(0, int(1, 2)),
          status,
          reason: status === 'rejected' ? '信息不完整' : null,
          decidedBy: decidedAt ? place.adminId : null,
          createdAt,
          decidedAt,
          withdrawnAt: status === 'withdrawn' ? later(createdAt, int(1, 72) * H) : null,
        };
        s.add('registrations', reg);
        if (status === 'approved')
          ledger(s, communityId, userId, 10, 'registration', `registration:${reg._id}`, decidedAt!);
      }
    }

    // Events and check-ins (each credits 2 points).
    for (let e = 0; e < EVENTS; e++) {
      const startAt = between(YEAR_START, later(NOW, -3 * H));
      const event: EventDoc = {
        _id: `ev-${tag}-${e}`,
        communityId,
        title: pick(['主题党日', '党员大会', '党课学习', '组织生活会']),
        kind: pick(['party_day', 'meeting', 'other'] as const),
        place: '党群服务中心',
        startAt,
        endAt: later(startAt, 2 * H),
        checkinOpensAt: later(startAt, -H / 2),
        organiserId: place.adminId,
        organiserName: '管理员',
        qrSecret: 'bench',
        checkedInCount: 0,
        cancelled: false,
        cancelReason: null,
        createdAt: later(startAt, -7 * D),
      };
      let checkedIn = 0;
      for (const m of members) {
        if (rand() >= m.zeal) continue;
        const at = later(startAt, int(-20, 40) * 60_000);
        const checkin: CheckinDoc = {
          _id: `${event._id}:${m.id}`,
          eventId: event._id,
          eventTitle: event.title,
          communityId,
          userId: m.id,
          userName: m.name,
          method: rand() < 0.9 ? 'qr' : 'manual',
          reason: null,
          recordedBy: null,
          quarter: quarterOf(at),
          checkedInAt: at,
        };
        s.add('checkins', checkin);
        ledger(s, communityId, m.id, 2, 'checkin', `checkin:${checkin._id}`, at);
        checkedIn++;
      }
      s.add('events', { ...event, checkedInCount: checkedIn });
    }

    // Wishes in every state, with the timeline of their moves.
    for (let w = 0; w < sized(WISHES); w++) {
      const state = weighted<WishState>([
        ['submitted', 4],
        ['rejected', 4],
        ['published', 16],
        ['claimed', 10],
        ['fulfilled', 8],
        ['confirmed', 44],
        ['withdrawn', 5],
        ['expired', 9],
      ]);
      const open = state === 'submitted' || state === 'published' || state === 'claimed';
      const createdAt = open
        ? between(later(NOW, -60 * D), later(NOW, -2 * D))
        : between(YEAR_START, later(NOW, -30 * D));
      const timeline: TimelineDoc[] = [];
      let at = createdAt;
      const move = (from: WishState | null, to: WishState, afterHours: number, via: string) => {
        at = later(at, Math.round(afterHours * H));
        timeline.push({ at, from, to, via, byId: null, byName: '居民', note: null });
      };
      move(null, 'submitted', 0, 'post');
      const claimer = pick(members);
      if (state === 'rejected') move('submitted', 'rejected', int(2, 48), 'review');
      else if (state !== 'submitted') {
        move('submitted', 'published', int(1, 30), 'review');
        if (state === 'withdrawn') move('published', 'withdrawn', int(5, 300), 'withdraw');
        else if (state === 'expired') move('published', 'expired', int(200, 900), 'expire');
        else if (state !== 'published' || rand() < 0.15) {
          if (rand() < 0.1) {
            move('published', 'claimed', int(1, 100), 'claim');
            move('claimed', 'published', int(24, 200), 'release');
          }
          if (state !== 'published') {
            move('published', 'claimed', 1 + rand() * rand() * 240, 'claim');
            if (state === 'fulfilled' || state === 'confirmed') move('claimed', 'fulfilled', int(12, 300), 'fulfil');
            if (state === 'confirmed') move('fulfilled', 'confirmed', int(1, 96), 'confirm');
          }
        }
      }
      const last = timeline[timeline.length - 1]!.at;
      if (last.getTime() > NOW.getTime()) {
        const shift = last.getTime() - NOW.getTime() + H;
        for (const t of timeline) t.at = later(t.at, -shift);
      }
      const poster = pick(residents);
      const claimed = state === 'claimed' || state === 'fulfilled' || state === 'confirmed';
      const claimedAt = claimed ? [...timeline].reverse().find((t) => t.to === 'claimed')!.at : null;
      const wantedBy = later(timeline[0]!.at, 30 * D);
      const confirmedAt = state === 'confirmed' ? timeline[timeline.length - 1]!.at : null;
      const wish: WishDoc = {
        _id: `w-${tag}-${w}`,
        communityId,
        estateId: poster.hh.estateId,
        buildingId: poster.hh.buildingId,
        householdId: poster.hh.id,
        householdLabel: poster.hh.label,
        posterId: poster.id,
        posterName: poster.name,
        posterOpenid: `o-${poster.id}`,
        category: pick<WishCategory>(['living', 'education', 'medical', 'elderly', 'other']),
        title: pick([
          '想要一台旧电脑给孩子上网课',
          '请人帮忙修理水管',
          '陪老人去医院复查',
          '需要一辆轮椅',
          '辅导初二数学',
        ]),
        content: '心愿内容',
        photos: [],
        wantedBy: wantedBy.toISOString().slice(0, 10),
        wantedByEnd: wantedBy,
        state,
        rev: timeline.length - 1,
        claimSeq: timeline.filter((t) => t.to === 'claimed').length,
        claimerId: claimed ? claimer.id : null,
        claimerName: claimed ? claimer.name : null,
        claimerOpenid: claimed ? `o-${claimer.id}` : null,
        claimWorkUnitId: null,
        claimedAt,
        fulfilment:
          state === 'fulfilled' || state === 'confirmed'
            ? { note: '已完成', photos: [], at: timeline.find((t) => t.to === 'fulfilled')!.at }
            : null,
        confirmation: confirmedAt ? { rating: int(3, 5), thanks: '谢谢', at: confirmedAt } : null,
        rejectReason: state === 'rejected' ? '不属于微心愿范围' : null,
        creditPending: false,
        timeline,
        createdAt: timeline[0]!.at,
        updatedAt: timeline[timeline.length - 1]!.at,
      };
      s.add('wishes', wish);
      if (confirmedAt) ledger(s, communityId, claimer.id, 10, 'wish_fulfilled', `wish:${wish._id}`, confirmedAt);
    }

    // Volunteer activities, their sign-ups and hours (5 points an hour).
    for (let a = 0; a < sized(ACTIVITIES); a++) {
      const startAt = between(YEAR_START, later(NOW, 14 * D));
      const hours = pick([1.5, 2, 2, 3, 4]);
      const endAt = later(startAt, hours * H);
      const over = endAt.getTime() < NOW.getTime();
      const quota = int(10, 30);
      const activity: ActivityDoc = {
        _id: `act-${tag}-${a}`,
        communityId,
        title: pick(['陪伴空巢老人', '清扫楼道', '义诊', '文明劝导', '四点半课堂', '旧衣回收']),
        category: pick(ActivityCategory.options),
        description: '',
        place: '社区广场',
        startAt,
        endAt,
        signupDeadline: later(startAt, -D),
        quota,
        pointsPerHour: 5,
        audience: 'everyone',
        workUnitId: null,
        organiserId: place.adminId,
        organiserName: '管理员',
        qrSecret: 'bench',
        nextSeq: 0,
        freeSlots: 0,
        confirmedCount: 0,
        waitlistCount: 0,
        cancelled: false,
        cancelReason: null,
        attendanceClosed: over,
        createdAt: later(startAt, -10 * D),
        updatedAt: over ? endAt : startAt,
      };
      const people = new Set<string>();
      const signers = int(Math.round(quota * 0.6), quota + 5);
      let confirmed = 0;
      let waitlisted = 0;
      for (let k = 0; k < signers; k++) {
        const m = pick(members);
        if (people.has(m.id)) continue;
        people.add(m.id);
        const onList = k < quota;
        const state: SignupState = !onList
          ? over
            ? 'cancelled'
            : 'waitlisted'
          : over
            ? weighted<SignupState>([
                ['completed', 82],
                ['no_show', 8],
                ['cancelled', 10],
              ])
            : 'confirmed';
        if (state === 'confirmed' || state === 'completed' || state === 'no_show') confirmed++;
        if (state === 'waitlisted') waitlisted++;
        const h = state === 'completed' ? (rand() < 0.1 ? hours - 0.5 : hours) : 0;
        const signup: SignupDoc = {
          _id: `${activity._id}:${m.id}`,
          activityId: activity._id,
          communityId,
          userId: m.id,
          userName: m.name,
          state,
          seq: k + 1,
          pending: false,
          startAt,
          endAt,
          checkedInAt: state === 'completed' ? startAt : null,
          checkedOutAt: state === 'completed' ? later(startAt, h * H) : null,
          hours: h,
          points: h * 5,
          autoClosed: false,
          correctedReason: h !== hours && state === 'completed' ? '迟到' : null,
          creditVersion: state === 'completed' ? 1 : 0,
          createdAt: later(startAt, -int(1, 9) * D),
          updatedAt: over ? endAt : startAt,
        };
        s.add('signups', signup);
        if (state === 'completed') {
          ledger(s, communityId, m.id, h * 5, 'volunteer_hours', `volunteer:${activity._id}:${m.id}`, endAt, h);
        }
      }
      s.add('activities', {
        ...activity,
        nextSeq: signers,
        confirmedCount: confirmed,
        waitlistCount: waitlisted,
        freeSlots: Math.max(0, quota - confirmed),
      });
    }

    // Topics at every step, each with its history; participants get 2 points.
    const ORDER: Step[] = ['collect', 'review', 'vote', 'notice', 'execute', 'evaluate', 'archived'];
    for (let t = 0; t < sized(TOPICS); t++) {
      const step = weighted<Step>([
        ['collect', 10],
        ['review', 8],
        ['vote', 6],
        ['notice', 5],
        ['execute', 12],
        ['evaluate', 6],
        ['archived', 38],
        ['ended', 15],
      ]);
      const steps: Step[] =
        step === 'ended' ? [...ORDER.slice(0, int(1, 5)), 'ended'] : ORDER.slice(0, ORDER.indexOf(step) + 1);
      const gaps: Record<string, [number, number]> = {
        collect: [5, 20],
        review: [2, 15],
        vote: [7, 10],
        notice: [5, 7],
        execute: [10, 90],
        evaluate: [7, 14],
      };
      const span = steps.slice(0, -1).reduce((sum, p) => sum + (gaps[p]?.[1] ?? 0), 0);
      const openedAt = between(YEAR_START, later(NOW, -(span + 1) * D));
      const history: HistoryDoc[] = [];
      let at = openedAt;
      for (const [i, to] of steps.entries()) {
        if (i > 0) {
          const [lo, hi] = gaps[steps[i - 1]!] ?? [1, 5];
          at = later(at, int(lo * 24, hi * 24) * H);
        }
        history.push({ at, byId: null, byName: '党支部书记', from: i === 0 ? null : steps[i - 1]!, to, note: null });
      }
      const estate = pick(place.estates);
      // Building-level topics; the first building of an estate (the oldest) has the most.
      const building = rand() < 0.4 ? (rand() < 0.3 ? estate.buildings[0]! : pick(estate.buildings)) : null;
      const topic: TopicDoc = {
        _id: `topic-${tag}-${t}`,
        communityId,
        estateId: estate.id,
        buildingId: building?.id ?? null,
        scopeLabel: building ? `${estate.name} · ${building.name}` : estate.name,
        title: pick(['加装电梯', '停车位划线', '楼道杂物清理', '增设充电桩', '绿地改造']),
        background: '',
        photos: [],
        collectEndsAt: later(openedAt, 14 * D),
        leaderId: place.adminId,
        leaderName: '党支部书记',
        step,
        rev: history.length - 1,
        proposals: [],
        vote: null,
        voteClosesAt: null,
        notice: null,
        openObjections: 0,
        execution: null,
        evaluation: null,
        evaluationEndsAt: null,
        endedReason: step === 'ended' ? '方案未通过' : null,
        history,
        openedAt,
        updatedAt: history[history.length - 1]!.at,
      };
      s.add('topics', topic);
      const participants = new Set(Array.from({ length: int(3, 8) }, () => pick(residents)));
      for (const r of participants) {
        ledger(
          s,
          communityId,
          r.id,
          2,
          'deliberation',
          `deliberation:${topic._id}:${r.id}`,
          later(openedAt, int(1, 100) * H),
        );
      }
    }

    // Admins' adjustments (some deductions) for members.
    for (let k = 0; k < sized(ADJUSTMENTS); k++) {
      const amount = rand() < 0.2 ? -int(5, 40) : int(1, 20);
      ledger(s, communityId, pick(members).id, amount, 'adjustment', '', between(YEAR_START, NOW));
    }
  }
  s.flush();
}

// ---- measuring --------------------------------------------------------------------------------

const ctxFor = (openid: string) => localCtx({ openid, requestId: 'bench', now: () => NOW });

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const distinct = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b).join('/');

interface Measured<T> {
  p50: number;
  p95: number;
  requests: number[];
  last: T;
}

async function measure<T>(emu: EmulatorDatabase, runs: number, fn: () => Promise<T>): Promise<Measured<T>> {
  let last = await fn();
  for (let i = 1; i < WARMUP; i++) last = await fn();
  const lat: number[] = [];
  const requests: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = emu.stats().requests;
    const t = performance.now();
    last = await fn();
    lat.push(performance.now() - t);
    requests.push(emu.stats().requests - before);
  }
  return { p50: pct(lat, 50), p95: pct(lat, 95), requests, last };
}

/**
 * Where a street call's time goes: each database request of one call (its action, the time the
 * database took to answer it, the size of its reply), the rest being the SDK, HTTP and the verb.
 */
async function profile(emu: EmulatorDatabase, runs: number, fn: () => Promise<unknown>): Promise<string> {
  const handle = emu.handle.bind(emu);
  const seen: Array<{ action: string; ms: number; kb: number }[]> = [];
  let current: { action: string; ms: number; kb: number }[] = [];
  emu.handle = (body) => {
    const t = performance.now();
    const reply = handle(body);
    current.push({
      action: String(body['action']),
      ms: performance.now() - t,
      kb: JSON.stringify(reply).length / 1024,
    });
    return reply;
  };
  const totals: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      current = [];
      const t = performance.now();
      await fn();
      totals.push(performance.now() - t);
      seen.push(current);
    }
  } finally {
    emu.handle = handle;
  }
  const median = (xs: number[]) => pct(xs, 50);
  const parts = seen[0]!.map((r, i) => {
    const ms = median(seen.map((c) => c[i]?.ms ?? 0));
    return `${r.action} ${ms.toFixed(1)} ms (${r.kb.toFixed(1)} KB)`;
  });
  const db = median(seen.map((c) => c.reduce((s, r) => s + r.ms, 0)));
  return `p50 ${median(totals).toFixed(1)} ms, of which the database ${db.toFixed(1)} ms: ${parts.join('; ')}`;
}

const sum = (xs: Array<{ count: number }>) => xs.reduce((s, x) => s + x.count, 0);

/** A few figures of an overview, to show each section is computed from real data. */
function figures(o: Overview, drillDown: boolean): string {
  const members = o.checkins.units.reduce((s, u) => s + u.members, 0);
  const checked = o.checkins.units.reduce((s, u) => s + u.checkedIn, 0);
  const parts = [
    `reg ${sum(o.registrations.byStatus)} (${o.registrations.pending} pending)`,
    `check-in ${checked}/${members}`,
    `wishes ${o.wishes.byState.reduce((s, x) => s + x.count, 0)} (claim ${o.wishes.medianHoursToClaim}h, confirm ${o.wishes.medianHoursToConfirm}h)`,
    `hours ${Math.round(o.volunteer.totalHours)}`,
    `topics ${o.topics.byStep.reduce((s, x) => s + x.count, 0)} (${o.topics.avgDaysPerStep.length} steps timed)`,
    `points ${o.points.buckets.reduce((s, x) => s + x.members, 0)} members`,
  ];
  // A drill-down may legitimately have no median or no topic that changed step; the rest may not be empty.
  const empty = [
    sum(o.registrations.byStatus),
    members,
    checked,
    o.wishes.byState.reduce((s, x) => s + x.count, 0),
    o.volunteer.totalHours,
    ...(drillDown ? [] : [o.topics.byStep.reduce((s, x) => s + x.count, 0)]),
    o.points.buckets.reduce((s, x) => s + x.members, 0),
    ...(drillDown
      ? []
      : [
          o.wishes.medianHoursToClaim ?? 0,
          o.wishes.medianHoursToConfirm ?? 0,
          o.wishes.oldestUnclaimed ? 1 : 0,
          o.topics.avgDaysPerStep.length,
        ]),
  ].some((n) => n === 0);
  if (empty) throw new Error(`an overview section came back empty: ${parts.join('; ')}`);
  return parts.join('; ');
}

async function main(): Promise<void> {
  const { emu, close } = await openBenchDatabase('dashboard-bench');
  try {
    const seeder = new Seeder(emu);
    let t = performance.now();
    const places = seedSkeleton(seeder);
    // The small size: about 30,000 documents (a batch at SMALL of its size).
    const skeleton = seeder.total();
    seedBatch(seeder, places, 0, SMALL);
    /** Documents a batch of scale 1 adds (estimated from the small one). */
    const perBatch = (seeder.total() - skeleton) / SMALL;
    const collections = () => [...seeder.counts.keys()].sort();
    const countsAfter: Array<Map<string, number>> = [new Map(seeder.counts)];
    console.log(
      `seeded one street of ${places.length} communities, ${seeder.total().toLocaleString('en')} documents in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    console.log(
      `node ${process.version}, ${os.cpus().length} CPUs, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ` +
        `${RUNS} sequential overview calls per row after ${WARMUP} warm-up (street ${STREET_RUNS}); ` +
        `range ${RANGE.from}..${RANGE.to}, clock ${NOW.toISOString()}\n`,
    );

    const c0 = places[0]!;
    const estate = c0.estates[0]!;
    const building = estate.buildings[0]!;
    const views: Array<[string, object]> = [
      [`community ${c0.communityId}`, {}],
      [`estate ${estate.id}`, { estateId: estate.id }],
      [`building ${building.id}`, { buildingId: building.id }],
      ['grid 未划分网格', { gridId: 'none' }],
      [`street (${places.length} communities)`, { street: true }],
    ];
    const ctx = ctxFor(adminOpenid(0));

    const rows: string[][] = [];
    const notes: string[] = [];
    const warnings: string[] = [];
    const range = rangeOf(RANGE.from, RANGE.to);
    const f = (x: number) => x.toFixed(1);
    const results: Array<{ docs: number; overview: number; street: number; requests: number }> = [];

    /**
     * The roll-ups as the fold job would have them: each community recounted by its admin with
     * `dashboard.rebuildRollups`, page by page until `next` is null (phase 1 folds every document
     * not yet marked; its marks and audit entries are the only documents the bench does not count).
     */
    const rollUp = async () => {
      const started = performance.now();
      let checked = 0;
      let calls = 0;
      for (const [i, place] of places.entries()) {
        const admin = ctxFor(adminOpenid(i));
        let after: string | undefined;
        do {
          const input = RebuildRollupsInput.parse({ communityId: place.communityId, ...(after ? { after } : {}) });
          const page = await rebuildRollups({ ctx: admin, input });
          checked += page.checked;
          calls += 1;
          after = page.next ?? undefined;
        } while (after !== undefined);
      }
      console.log(
        `rolled up ${places.length} communities: ${calls.toLocaleString('en')} rebuildRollups calls checked ${checked.toLocaleString('en')} documents and marks in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    };

    const run = async (label: string) => {
      let first = true;
      const out = { docs: seeder.total(), overview: NaN, street: NaN, requests: 0 };
      for (const [name, extra] of views) {
        const street = 'street' in extra;
        const input = OverviewInput.parse({ communityId: c0.communityId, ...RANGE, ...extra });
        const runs = street ? STREET_RUNS : RUNS;
        const m = await measure(emu, runs, () => overview({ ctx, input }));
        rows.push([first ? label : '', `overview: ${name}`, f(m.p50), f(m.p95), distinct(m.requests), `${runs} runs`]);
        notes.push(`${label.padEnd(12)} ${name.padEnd(26)} ${figures(m.last, !street && name !== views[0]![0])}`);
        if (first) out.overview = m.p95;
        if (street) out.street = m.p95;
        out.requests = Math.max(out.requests, ...m.requests);
        first = false;
      }
      results.push(out);
      const streetInput = OverviewInput.parse({ communityId: c0.communityId, ...RANGE, street: true });
      notes.push(
        `${label.padEnd(12)} street profile: ${await profile(emu, STREET_RUNS, () => overview({ ctx, input: streetInput }))}`,
      );
      if (!EXPORTS) return;
      for (const kind of ['members', 'wishes'] as const) {
        // What a complete export holds, counted apart from the measured calls.
        const total = (
          kind === 'members'
            ? await database().collection('roles').where({ communityId: c0.communityId, kind: 'member' }).count()
            : await database()
                .collection('wishes')
                .where({
                  communityId: c0.communityId,
                  createdAt: ctx.db.command.gte(range.start).and(ctx.db.command.lt(range.end)),
                })
                .count()
        ).total as number;
        let exported = 0;
        let cursor: string | null = null;
        for (let page = 1; page === 1 || cursor !== null; page++) {
          const input = DashboardExportInput.parse({
            communityId: c0.communityId,
            kind,
            ...RANGE,
            ...(cursor ? { cursor } : {}),
          });
          const m = await measure(emu, EXPORT_RUNS, () => exportXlsx({ ctx, input }));
          exported += m.last.rows;
          const kb = Math.round((m.last.base64.length * 3) / 4 / 1024);
          const next = m.last.nextCursor === null ? 'last page' : `next ${m.last.nextCursor}`;
          rows.push([
            '',
            `exportXlsx: ${kind}, page ${page}`,
            f(m.p50),
            f(m.p95),
            distinct(m.requests),
            `${EXPORT_RUNS} runs; ${m.last.rows} of ${total} rows, ${kb} KB, ${next}`,
          ]);
          cursor = m.last.nextCursor;
        }
        if (exported !== total) warnings.push(`${label}: exportXlsx ${kind}: ${exported} rows exported of ${total}.`);
      }
    };

    await rollUp();
    await run(`${seeder.total().toLocaleString('en')} docs`);
    t = performance.now();
    // The large size: full batches until at least LARGE documents.
    for (let b = 1; seeder.total() < LARGE; b++) {
      seedBatch(seeder, places, b, Math.min(1, (LARGE - seeder.total()) / perBatch + 0.02));
    }
    countsAfter.push(new Map(seeder.counts));
    console.log(
      `\ngrown to ${seeder.total().toLocaleString('en')} documents (${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    await rollUp();
    console.log('');
    await run(`${seeder.total().toLocaleString('en')} docs`);

    // Documents per collection, for both sizes.
    const names = collections();
    const cw = Math.max(...names.map((c) => c.length));
    console.log(`\n${'collection'.padEnd(cw)}  ${'small'.padStart(9)}  ${'large'.padStart(9)}`);
    for (const c of names) {
      const [a, b] = countsAfter.map((m) => (m.get(c) ?? 0).toLocaleString('en').padStart(9));
      console.log(`${c.padEnd(cw)}  ${a}  ${b}`);
    }
    const totals = countsAfter.map((m) =>
      [...m.values()]
        .reduce((s, n) => s + n, 0)
        .toLocaleString('en')
        .padStart(9),
    );
    console.log(`${'total'.padEnd(cw)}  ${totals[0]}  ${totals[1]}\n`);

    const header = ['data', 'call', 'p50 ms', 'p95 ms', 'DB requests / call', 'notes'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i <= 1 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(line(header));
    for (const row of rows) console.log(line(row).trimEnd());
    console.log('\nFigures of the last call of each view (registrations in range, check-ins this quarter, …):');
    for (const n of notes) console.log(`  ${n}`);
    if (warnings.length) console.log(`\nWARNING:\n${warnings.map((w) => `  ${w}`).join('\n')}`);
    console.log(
      '\nDB requests per overview: 1 caller + 1 community (with the street, estate, building or grid joined)' +
        " + 1 aggregation joining the roll-up documents of the range (the units' member counts among them) and the work units" +
        ' + 1 title of the oldest open wish; none depends on the amount of data (docs/adr/0042-roll-ups.md).',
    );
    const [small, large] = [results[0]!, results[results.length - 1]!];
    const ratio = Math.max(large.overview / small.overview, large.street / small.street);
    console.log(
      `scale: ${large.docs} documents; overview p95 ${f(large.overview)} ms, street p95 ${f(large.street)} ms, ` +
        `${Math.max(small.requests, large.requests)} requests per call; 300k/30k ratio ${ratio.toFixed(2)}`,
    );
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
