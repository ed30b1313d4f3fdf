/**
 * A year of 双报到 in 幸福里: the in-office Party members register (报到) with the community in
 * the first months and are approved; newer registrations in every other state — pending today,
 * rejected with a reason, withdrawn, ended (the member role revoked); work units asking to
 * register (approved, rejected, pending); and a 主题党日 every month (plus meetings), members
 * checking in with the event's live code, one recorded by hand, and one upcoming event.
 */
import { COMMUNITY, P, type Cast } from './cast';
import { seededRandom, type History } from './runner';

const intentionsCycle = ['elderly', 'education', 'medical', 'environment', 'civility', 'poverty'] as const;
const skillsCycle = [['财务', '政策咨询'], ['医疗护理'], ['书法', '辅导作业'], ['水电维修'], ['摄影'], ['法律咨询']];

const events: Array<{ month: number; title: string; kind: 'party_day' | 'meeting' | 'volunteer'; place: string }> = [
  { month: 11, title: '主题党日：学习党的二十届三中全会精神', kind: 'party_day', place: '社区党群服务中心' },
  { month: 10, title: '主题党日：重温入党誓词', kind: 'party_day', place: '社区党群服务中心' },
  { month: 9, title: '在职党员报到座谈会', kind: 'meeting', place: '社区二楼会议室' },
  { month: 8, title: '主题党日：清明祭英烈', kind: 'party_day', place: '烈士陵园' },
  { month: 7, title: '主题党日：垃圾分类进楼栋', kind: 'party_day', place: '幸福里小区中心广场' },
  { month: 6, title: '小区“三会”联席会议', kind: 'meeting', place: '社区二楼会议室' },
  { month: 5, title: '主题党日：庆祝建党节', kind: 'party_day', place: '社区党群服务中心' },
  { month: 4, title: '主题党日：防汛安全隐患排查', kind: 'party_day', place: '和谐家园小区' },
  { month: 3, title: '主题党日：国防教育观影', kind: 'party_day', place: '社区党群服务中心' },
  { month: 2, title: '党员冬训集中学习', kind: 'meeting', place: '社区党群服务中心' },
  { month: 1, title: '主题党日：为独居老人送温暖', kind: 'party_day', place: '幸福里小区活动室' },
];

export async function checkinHistory(h: History, cast: Cast): Promise<Record<string, number>> {
  const random = seededRandom(20241101);
  const counts = { registrations: 0, unitRegistrations: 0, events: 0, checkIns: 0 };
  const register = async (openid: string, day: number, workUnitId: string, i: number) => {
    h.on(day, 20, 5 + i);
    const person = cast.person(openid);
    counts.registrations++;
    return h.call<{ id: string }>(openid, 'checkin', 'registerMember', {
      communityId: COMMUNITY,
      workUnitId,
      householdId: person.householdId,
      skills: skillsCycle[i % skillsCycle.length],
      intentions: [intentionsCycle[i % intentionsCycle.length], intentionsCycle[(i + 2) % intentionsCycle.length]],
    });
  };
  const decide = async (registrationId: string, day: number, reason?: string) => {
    h.on(day, 10, 30);
    await h.call(P.admin, 'checkin', 'decideRegistration', {
      registrationId,
      ...(reason ? { decision: 'reject', reason } : { decision: 'approve' }),
    });
  };

  // The in-office members register in the community's first weeks, and are approved.
  const unitOf = new Map(
    cast
      .holders('member')
      .filter((x) => x.role.memberType === 'in_office')
      .map((x) => [x.person.openid, x.role.workUnitId!]),
  );
  let i = 0;
  for (const [openid, unit] of unitOf) {
    const day = -398 + i * 4; // all approved before the first activity and wish
    const reg = await register(openid, day, unit, i);
    await decide(reg.id, day + 2);
    i++;
  }

  // Newer registrations by residents who are not yet members, one in each other state.
  const newcomers = cast.plainResidents();
  const [ended, withdrawn, rejected, pending1, pending2] = [
    newcomers[1]!,
    newcomers[4]!,
    newcomers[7]!,
    newcomers[10]!,
    newcomers[13]!,
  ];
  const endedReg = await register(ended.openid, -250, 'wu-hospital', 1);
  await decide(endedReg.id, -248);
  h.on(-120, 15);
  await h.call(P.admin, 'account', 'revokeRole', {
    roleId: `member:${ended.userId}:${COMMUNITY}`,
    reason: '组织关系已转出本社区所在单位，党员身份由原单位管理',
  });
  const withdrawnReg = await register(withdrawn.openid, -200, 'wu-school', 2);
  h.on(-199, 21);
  await h.call(withdrawn.openid, 'checkin', 'withdrawRegistration', {
    registrationId: withdrawnReg.id,
    reason: '填错了工作单位，重新核实后再提交',
  });
  const rejectedReg = await register(rejected.openid, -90, 'wu-tax', 3);
  await decide(rejectedReg.id, -88, '经与市税务局第三分局机关党委核实，该同志组织关系不在本单位，请核对后重新提交');
  await register(pending1.openid, -3, 'wu-school', 4);
  await register(pending2.openid, -1, 'wu-hospital', 5);

  // Work units asking to register through their liaison.
  const units: Array<{ by: string; day: number; name: string; org: string; phone: string; decision?: string }> = [
    {
      by: newcomers[2]!.openid,
      day: -310,
      name: '区供电公司',
      org: '区供电公司第二党支部',
      phone: '0571-88000011',
      decision: 'approve',
    },
    {
      by: newcomers[5]!.openid,
      day: -150,
      name: '幸福里物业服务中心',
      org: '幸福里物业党支部',
      phone: '0571-88000012',
      decision: '物业服务企业已作为共建单位参与，不再重复报到',
    },
    { by: newcomers[8]!.openid, day: -2, name: '市图书馆', org: '市图书馆机关党支部', phone: '0571-88000013' },
  ];
  for (const u of units) {
    h.on(u.day, 14);
    const reg = await h.call<{ id: string }>(u.by, 'checkin', 'registerWorkUnit', {
      communityId: COMMUNITY,
      name: u.name,
      partyOrgName: u.org,
      contactPhone: u.phone,
    });
    counts.unitRegistrations++;
    if (!u.decision) continue;
    h.on(u.day + 3, 9, 40);
    await h.call(P.admin, 'checkin', 'decideUnitRegistration', {
      unitRegistrationId: reg.id,
      ...(u.decision === 'approve' ? { decision: 'approve' } : { decision: 'reject', reason: u.decision }),
    });
  }

  // A 主题党日 (or meeting) about once a month; the members present check in with the live code.
  const members = cast.members().map((p) => p.openid);
  for (const e of events) {
    const start = h.day(-e.month * 30 + 2, 14, 30);
    h.at(h.day(-e.month * 30 - 5, 9));
    const event = await h.call<{ id: string }>(P.admin, 'checkin', 'createEvent', {
      communityId: COMMUNITY,
      title: e.title,
      kind: e.kind,
      place: e.place,
      startAt: h.iso(start),
      endAt: h.iso(new Date(start.getTime() + 90 * 60_000)),
    });
    counts.events++;
    h.later(8, start);
    const { code } = await h.call<{ code: string }>(P.admin, 'checkin', 'liveCode', { eventId: event.id });
    const present = members.filter((openid) => openid !== P.admin && random() < 0.75);
    for (const openid of present) {
      await h.call(openid, 'checkin', 'checkIn', { code, eventId: event.id });
      counts.checkIns++;
    }
    const absent = members.find((openid) => !present.includes(openid) && openid !== P.admin);
    if (e.month === 2 && absent) {
      // A member whose phone could not scan, recorded by hand after the event.
      h.later(120, start);
      await h.call(P.admin, 'checkin', 'recordAttendance', {
        eventId: event.id,
        userId: cast.person(absent).userId,
        reason: '手机没电无法扫码，现场签到表已签字',
      });
      counts.checkIns++;
    }
  }
  // The next 主题党日, a week from now.
  h.on(-2, 11);
  const next = h.day(7, 14, 30);
  await h.call(P.admin, 'checkin', 'createEvent', {
    communityId: COMMUNITY,
    title: '主题党日：冬季消防安全进楼栋',
    kind: 'party_day',
    place: '社区党群服务中心',
    startAt: h.iso(next),
    endAt: h.iso(new Date(next.getTime() + 90 * 60_000)),
  });
  counts.events++;
  return counts;
}
