/**
 * A year of 志愿服务 in 幸福里: activities the admin (and once the tax bureau's liaison, for its
 * own members) published, sign-ups with a waitlist and a cancellation that promotes the first
 * in line, check-in and check-out with the rotating codes, hours and points, a no-show and a
 * forgotten check-out closed by the scheduler, an attendance corrected with a reason, an
 * activity cancelled with a reason — and two upcoming activities, one already full with a
 * waitlist.
 */
import { COMMUNITY, P, type Cast } from './cast';
import { seededRandom, type History } from './runner';

type Category = 'elderly' | 'education' | 'medical' | 'poverty' | 'environment' | 'civility' | 'other';

interface ActivityStory {
  day: number;
  title: string;
  category: Category;
  description: string;
  place: string;
  hour: number;
  minutes: number;
  quota: number;
  pointsPerHour: number;
  signups: number;
  by?: string;
  audience?: 'everyone' | 'members' | 'work_unit';
  cancelReason?: string;
}

const stories: ActivityStory[] = [
  {
    day: -350,
    title: '重阳节为空巢老人包饺子',
    category: 'elderly',
    description: '和空巢老人一起包饺子、拉家常，饭后帮忙打扫房间。',
    place: '幸福里小区活动室',
    hour: 9,
    minutes: 180,
    quota: 8,
    pointsPerHour: 4,
    signups: 7,
  },
  {
    day: -300,
    title: '小区楼道杂物清理',
    category: 'environment',
    description: '清理楼道堆放的纸箱、旧家具等杂物，消除消防隐患。',
    place: '幸福里小区各楼栋',
    hour: 8,
    minutes: 150,
    quota: 10,
    pointsPerHour: 3,
    signups: 9,
  },
  {
    day: -250,
    title: '“四点半课堂”作业辅导',
    category: 'education',
    description: '放学后为双职工家庭的小学生辅导作业，每次两小时。',
    place: '社区书屋',
    hour: 16,
    minutes: 120,
    quota: 4,
    pointsPerHour: 4,
    signups: 6,
  },
  {
    day: -200,
    title: '义诊：量血压、测血糖',
    category: 'medical',
    description: '区人民医院党员医生为老人免费量血压、测血糖，讲解慢病用药。',
    place: '社区党群服务中心',
    hour: 9,
    minutes: 180,
    quota: 6,
    pointsPerHour: 5,
    signups: 6,
    by: 'liaison',
    audience: 'work_unit',
  },
  {
    day: -160,
    title: '夏季防溺水宣传',
    category: 'civility',
    description: '在小区门口发放防溺水宣传单，提醒家长看护好孩子。',
    place: '幸福里小区南门',
    hour: 17,
    minutes: 90,
    quota: 6,
    pointsPerHour: 3,
    signups: 3,
    cancelReason: '气象台发布暴雨橙色预警，活动取消，另行通知',
  },
  {
    day: -120,
    title: '垃圾分类桶边督导',
    category: 'environment',
    description: '早晚高峰在垃圾投放点指导居民分类投放。',
    place: '和谐家园垃圾投放点',
    hour: 7,
    minutes: 120,
    quota: 6,
    pointsPerHour: 3,
    signups: 8,
  },
  {
    day: -60,
    title: '帮困家庭秋衣募集分拣',
    category: 'poverty',
    description: '分拣居民捐赠的秋冬衣物，整理后送往困难家庭。',
    place: '社区党群服务中心',
    hour: 14,
    minutes: 180,
    quota: 8,
    pointsPerHour: 3,
    signups: 7,
  },
  {
    day: -20,
    title: '反诈宣传进家门',
    category: 'civility',
    description: '上门为老年人讲解常见电信诈骗手法，帮忙安装国家反诈中心App。',
    place: '幸福里小区',
    hour: 9,
    minutes: 120,
    quota: 6,
    pointsPerHour: 4,
    signups: 6,
  },
  {
    day: 5,
    title: '冬至为独居老人送温暖',
    category: 'elderly',
    description: '为独居老人送饺子和御寒物资，检查家中燃气、电器安全。',
    place: '幸福里小区活动室',
    hour: 9,
    minutes: 180,
    quota: 5,
    pointsPerHour: 4,
    signups: 7,
  },
  {
    day: 12,
    title: '小区绿地补种和冬季养护',
    category: 'environment',
    description: '补种被踩坏的绿篱，给树木刷白、包扎防冻。',
    place: '和谐家园中心绿地',
    hour: 8,
    minutes: 150,
    quota: 10,
    pointsPerHour: 3,
    signups: 4,
  },
];

export async function volunteerHistory(h: History, cast: Cast): Promise<Record<string, number>> {
  const random = seededRandom(20241203);
  const counts = { activities: 0, signups: 0, waitlisted: 0, checkOuts: 0 };
  const members = cast.members().map((p) => p.openid);
  const taxMembers = cast
    .holders('member')
    .filter((x) => x.role.workUnitId === 'wu-tax')
    .map((x) => x.person.openid);
  const residents = cast.plainResidents().map((p) => p.openid);
  // Volunteers: the Party members first (demo-member among them), then residents.
  const pool = [P.member, ...members.filter((o) => o !== P.member), ...residents.slice(0, 6)];

  for (const [index, s] of stories.entries()) {
    const organiser = s.by === 'liaison' ? P.liaison : P.admin;
    const start = h.day(s.day, s.hour);
    const end = new Date(start.getTime() + s.minutes * 60_000);
    h.on(Math.min(s.day - 12, -8), 10);
    const activity = await h.call<{ id: string }>(organiser, 'volunteer', 'publish', {
      communityId: COMMUNITY,
      title: s.title,
      category: s.category,
      description: s.description,
      place: s.place,
      startAt: h.iso(start),
      endAt: h.iso(end),
      signupDeadline: h.iso(h.day(s.day - 1, 18)),
      quota: s.quota,
      pointsPerHour: s.pointsPerHour,
      audience: s.audience ?? 'everyone',
      ...(s.audience === 'work_unit' ? { workUnitId: 'wu-tax' } : {}),
    });
    const activityId = activity.id;
    counts.activities++;
    // Sign-ups over the following days, rotating through the pool.
    const eligible = (s.audience === 'work_unit' ? taxMembers : pool).filter((o) => o !== organiser);
    const signed: string[] = [];
    for (let k = 0; k < Math.min(s.signups, eligible.length); k++) {
      const openid = eligible[(index * 3 + k) % eligible.length]!;
      if (signed.includes(openid)) continue;
      // Sign-ups for an upcoming activity all lie in the days before today.
      h.on(Math.min(s.day - 10 + Math.floor(k / 3), -4 + Math.floor(k / 3)), 19, 10 + k);
      const r = await h.call<{ state: string }>(openid, 'volunteer', 'signUp', { activityId });
      signed.push(openid);
      counts.signups++;
      if (r.state === 'waitlisted') counts.waitlisted++;
    }
    if (s.cancelReason) {
      h.on(s.day, 7);
      await h.call(organiser, 'volunteer', 'cancel', { activityId, reason: s.cancelReason });
      continue;
    }
    if (signed.length > s.quota) {
      // One of the confirmed drops out before the deadline: the first on the waitlist moves up.
      h.on(Math.min(s.day - 3, -1), 21);
      await h.call(signed[1]!, 'volunteer', 'cancelSignup', { activityId });
      signed.splice(1, 1);
    }
    if (s.day > 0) continue; // upcoming
    const confirmed = signed.slice(0, s.quota);
    // On the day: most come and scan in; one does not come; one forgets to scan out.
    h.at(new Date(start.getTime() - 10 * 60_000));
    const inCode = (await h.call<{ code: string }>(organiser, 'volunteer', 'liveCode', { activityId, direction: 'in' }))
      .code;
    const absent = confirmed.length > 3 ? confirmed[confirmed.length - 1] : undefined;
    const present = confirmed.filter((o) => o !== absent);
    for (const openid of present) await h.call(openid, 'volunteer', 'scan', { code: inCode, activityId });
    h.at(new Date(end.getTime() + 5 * 60_000));
    const outCode = (
      await h.call<{ code: string }>(organiser, 'volunteer', 'liveCode', { activityId, direction: 'out' })
    ).code;
    const forgetful = present.length > 3 && random() < 0.6 ? present[present.length - 1] : undefined;
    for (const openid of present) {
      if (openid === forgetful) continue;
      await h.call(openid, 'volunteer', 'scan', { code: outCode, activityId });
      counts.checkOuts++;
    }
    // The scheduler closes the attendance: the no-show, and the forgotten check-out.
    h.at(new Date(end.getTime() + 40 * 60_000));
    await h.timer('volunteer', 'close-attendance');
    if (index === 1 && forgetful) {
      // The organiser corrects the forgotten check-out from the sign-in sheet.
      h.on(s.day + 1, 10);
      await h.call(organiser, 'volunteer', 'correctAttendance', {
        activityId,
        userId: cast.person(forgetful).userId,
        state: 'completed',
        checkedInAt: h.iso(new Date(start.getTime() - 5 * 60_000)),
        checkedOutAt: h.iso(new Date(end.getTime() - 30 * 60_000)),
        reason: '本人提前半小时离开，以现场签到表为准更正签退时间',
      });
    }
  }
  return counts;
}
