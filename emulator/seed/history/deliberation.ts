/**
 * A year of 小区六步议事 in 幸福里, one topic standing at each step today and the finished ones
 * kept: two archived with their whole history (opinions and support, a revised proposal, the
 * four reviews, the vote and its tally, the 公示 with an objection answered — and once a
 * suspension by the 监事会 lifted —, the executor's progress, the residents' ratings), one ended
 * by a failed vote, one ended early with a reason, and one each in 评估, 执行, 公示 (an
 * objection waiting for its answer), 决议 (the vote open), 联审 (half the reviews in) and
 * 意见收集 (opinions coming in).
 */
import { COMMUNITY, P, type Cast, type Person } from './cast';
import { seededRandom, type History } from './runner';

type Step = 'collect' | 'review' | 'vote' | 'notice' | 'execute' | 'evaluate' | 'archived' | 'failed' | 'ended-early';

interface TopicStory {
  /** Days from today the topic is opened. */
  day: number;
  stop: Step;
  estateId: string;
  buildingId?: string;
  title: string;
  background: string;
  opinions: string[];
  proposal: string;
  /** A first proposal version the 业委会 asked to change, revised before the vote. */
  revisedFrom?: string;
  rule: 'simple' | 'civil_ordinary' | 'civil_major';
  /** Share of eligible households that vote, and of those that agree. */
  turnout: number;
  agree: number;
  objection?: { text: string; answer?: string };
  suspend?: { reason: string; lift: string };
  executor?: string;
  progress?: Array<[number, string]>;
  ratings?: string[];
  endReason?: string;
}

const stories: TopicStory[] = [
  {
    day: -330,
    stop: 'archived',
    estateId: 'estate-xfl',
    title: '幸福里小区增设电动自行车集中充电棚',
    background:
      '小区电动自行车越来越多，不少居民把车推进楼道、从窗口拉线充电，存在很大的火灾隐患。拟在小区东侧空地增设集中充电棚，请大家发表意见。',
    opinions: [
      '支持！楼道里充电太危险了，去年隔壁小区就着过火。',
      '充电棚要装监控和烟感，收费标准要公开。',
      '东侧空地离3号楼太近，晚上充电桩有噪音，建议往北挪一点。',
      '希望按次扫码付费，别搞月卡，老人用得少。',
    ],
    revisedFrom: '在小区东侧空地建设充电棚一座，设充电口40个，由物业统一管理，按月收费。',
    proposal:
      '在小区东北角空地建设充电棚一座，设充电口40个，配监控和烟感；扫码按次付费（每度电不超过1元），收费标准张贴公示；由物业日常管理，业委会每季度检查一次。',
    rule: 'simple',
    turnout: 0.8,
    agree: 0.85,
    objection: {
      text: '充电棚的雨棚会挡住3号楼一楼的采光，希望换成透明材质。',
      answer: '已与施工方确认，顶棚改用透光阳光板，不影响一楼采光。',
    },
    executor: '幸福里物业服务中心',
    progress: [
      [30, '完成场地平整和基础浇筑。'],
      [70, '钢结构顶棚和充电桩安装完毕，正在布线。'],
      [100, '充电棚通过消防验收，正式投入使用。'],
    ],
    ratings: ['充电方便多了，楼道干净了。', '价格公道，就是高峰期排队。', '很好，安全放心。', '建议再加几个充电口。'],
  },
  {
    day: -210,
    stop: 'archived',
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-1',
    title: '1号楼楼道照明改造',
    background: '1号楼楼道灯老化，经常不亮，老人晚上上下楼不安全。拟统一更换为声光控LED灯，费用从楼栋公共收益中列支。',
    opinions: ['早就该换了，三楼的灯坏了一个多月。', '希望每层都装，楼梯转角也要有灯。'],
    proposal:
      '1号楼一至六层及楼梯转角统一更换声光控LED灯共18盏，费用约2400元从楼栋公共收益中列支，由物业施工，楼栋党小组监督。',
    rule: 'simple',
    turnout: 0.9,
    agree: 0.9,
    suspend: {
      reason: '有居民反映公共收益账目未同时公示，请先补充公示收支明细',
      lift: '物业已在楼栋公告栏补充公示公共收益收支明细，恢复公示',
    },
    executor: '幸福里物业服务中心',
    progress: [
      [50, '一至三层已更换完毕。'],
      [100, '全部18盏灯更换完毕，经楼栋党小组验收。'],
    ],
    ratings: ['亮堂多了！', '声控很灵敏，好。', '楼梯转角终于有灯了。'],
  },
  {
    day: -170,
    stop: 'failed',
    estateId: 'estate-hxjy',
    buildingId: 'bld-hxjy-2',
    title: '和谐家园2号楼外墙粉刷',
    background: '2号楼外墙多处脱落，影响美观，有安全隐患。拟动用专项维修资金进行外墙粉刷。',
    opinions: ['脱落的墙皮掉下来砸到过车，要尽快处理。', '用维修资金要算清楚每户分摊多少。'],
    proposal: '使用专项维修资金对2号楼外墙进行铲除、修补和粉刷，预算约12万元，按面积分摊。',
    rule: 'civil_ordinary',
    turnout: 0.5,
    agree: 0.6,
  },
  {
    day: -140,
    stop: 'ended-early',
    estateId: 'estate-xfl',
    title: '幸福里小区南门改建为人车分流',
    background: '南门早晚高峰人车混行，拟改建为人车分流，请大家提意见。',
    opinions: ['赞成，接孩子的时候太挤了。'],
    proposal: '',
    rule: 'simple',
    turnout: 0,
    agree: 0,
    endReason: '街道已将南门改造纳入老旧小区改造项目统一实施，本议题终止',
  },
  {
    day: -75,
    stop: 'evaluate',
    estateId: 'estate-hxjy',
    title: '和谐家园中心绿地增设休闲座椅',
    background: '中心绿地只有两张长椅，老人散步没地方歇脚。拟增设休闲座椅和遮阳伞。',
    opinions: ['多放几张，带靠背的。', '座椅旁边放个垃圾桶。', '别放在健身器材旁边，太吵。'],
    proposal: '在中心绿地环形步道旁增设带靠背的防腐木座椅8张、遮阳伞2把、垃圾桶2个，费用由小区公共收益列支。',
    rule: 'simple',
    turnout: 0.7,
    agree: 0.9,
    executor: '和谐家园业主委员会',
    progress: [
      [60, '座椅已到货，安装了5张。'],
      [100, '座椅、遮阳伞和垃圾桶全部安装完毕。'],
    ],
    ratings: ['坐着很舒服，谢谢！', '遮阳伞再大一点就好了。'],
  },
  {
    day: -45,
    stop: 'execute',
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-3',
    title: '3号楼屋面防水维修',
    background: '3号楼顶层多户雨天漏水，屋面防水层已严重老化，拟使用专项维修资金整体翻修。',
    opinions: ['顶楼天天漏水，墙都发霉了。', '维修资金使用情况要公开。'],
    proposal:
      '使用专项维修资金对3号楼屋面防水层整体翻修，预算约8.6万元，按建筑面积分摊，由业委会选定施工单位并全程监督。',
    rule: 'civil_major',
    turnout: 0.95,
    agree: 0.95,
    executor: '业委会选定的防水施工单位',
    progress: [[40, '旧防水层已铲除，正在做找平层。']],
  },
  {
    day: -25,
    stop: 'notice',
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-1',
    title: '1号楼加装电梯意向征询',
    background: '1号楼住户中六十岁以上老人占一半，上下楼困难。拟申请政府补贴加装电梯，先征询各户意向和费用分摊方案。',
    opinions: ['我家住五楼，非常需要！', '一楼二楼不用电梯，希望少摊一点。', '施工期间要保证出行。'],
    proposal: '申请老旧小区加装电梯补贴，剩余费用按楼层系数分摊（一楼不分摊，六楼系数最高），施工期间保留一条通道。',
    rule: 'simple',
    turnout: 0.9,
    agree: 0.8,
    objection: { text: '一楼虽然不分摊费用，但电梯井会挡住我家窗户，希望调整电梯位置。' },
  },
  {
    day: -12,
    stop: 'vote',
    estateId: 'estate-xfl',
    title: '幸福里小区垃圾分类投放点迁移',
    background: '2号楼旁的垃圾投放点离住户窗户太近，夏天异味大。拟迁到小区西侧围墙边，并增设洗手池。',
    opinions: ['强烈支持，夏天窗户都不敢开。', '西侧离1号楼也不远，要做好除臭。'],
    proposal: '将2号楼旁的垃圾投放点迁至小区西侧围墙边，加装顶棚、洗手池和除臭设备，定时投放时间不变。',
    rule: 'simple',
    turnout: 0.4,
    agree: 0.8,
  },
  {
    day: -8,
    stop: 'review',
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-2',
    title: '2号楼楼梯加装扶手',
    background: '2号楼楼梯只有一侧有扶手，老人上下楼不便，拟在另一侧加装不锈钢扶手。',
    opinions: ['很有必要，我母亲每次下楼都很吃力。', '扶手高度要合适，别太高。'],
    proposal: '在2号楼楼梯内侧加装不锈钢扶手，高度90厘米，费用约3000元从楼栋公共收益中列支。',
    rule: 'simple',
    turnout: 0,
    agree: 0,
  },
  {
    day: -3,
    stop: 'collect',
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-1',
    title: '1号楼楼顶晾晒区规划',
    background: '楼顶晾晒杂乱，有人私拉绳子、堆放杂物。拟统一规划晾晒区，安装晾衣架，请大家提意见。',
    opinions: ['支持统一规划，现在太乱了。', '希望留一块地方晒被子。'],
    proposal: '',
    rule: 'simple',
    turnout: 0,
    agree: 0,
  },
];

export async function deliberationHistory(h: History, cast: Cast): Promise<Record<string, number>> {
  const random = seededRandom(20240601);
  const counts = { topics: 0, opinions: 0, ballots: 0, objections: 0, ratings: 0 };
  const leaderOf = (s: TopicStory): string => {
    if (s.buildingId) {
      const leader = cast.holders('building_leader').find((x) => x.role.buildingId === s.buildingId);
      if (leader) return leader.person.openid;
    }
    return cast.holders('estate_leader').find((x) => x.role.estateId === s.estateId)!.person.openid;
  };
  const branchOf = (estateId: string) =>
    cast.holders('estate_leader').find((x) => x.role.estateId === estateId)!.person.openid;
  const chairOf = (kind: string) =>
    cast.holders('council_member').find((x) => x.role.councilKind === kind && x.role.position === 'chair')!.person
      .openid;
  const inScope = (s: TopicStory): Person[] => {
    const people = s.buildingId ? cast.residentsOf(s.buildingId) : cast.residentsOfEstate(s.estateId);
    const seen = new Set<string>();
    return people.filter((p) => !seen.has(p.householdId!) && seen.add(p.householdId!));
  };

  for (const s of stories) {
    const leader = leaderOf(s);
    const residents = inScope(s);
    const speakers = residents.filter((p) => p.openid !== leader);
    const collectDays = s.stop === 'collect' ? 7 : 5;
    h.on(s.day, 10);
    const topic = await h.call<{ id: string }>(leader, 'deliberation', 'open', {
      communityId: COMMUNITY,
      estateId: s.estateId,
      ...(s.buildingId ? { buildingId: s.buildingId } : {}),
      title: s.title,
      background: s.background,
      collectEndsAt: h.iso(h.day(s.day + collectDays, 20)),
    });
    const topicId = topic.id;
    counts.topics++;
    // 意见收集: residents post opinions, others support them.
    const opinionIds: string[] = [];
    for (const [i, text] of s.opinions.entries()) {
      h.on(s.day + Math.min(i, collectDays - 1), 19, 30 + i);
      const author = speakers[(i * 3) % speakers.length]!;
      const opinion = await h.call<{ id: string }>(author.openid, 'deliberation', 'postOpinion', { topicId, text });
      opinionIds.push(opinion.id);
      counts.opinions++;
      for (let k = 1; k <= 2; k++) {
        const supporter = speakers[(i * 3 + k) % speakers.length]!;
        if (supporter.openid !== author.openid) {
          await h.call(supporter.openid, 'deliberation', 'supportOpinion', { opinionId: opinion.id });
        }
      }
    }
    if (s.stop === 'collect') continue;
    if (s.stop === 'ended-early') {
      h.on(s.day + 3, 16);
      await h.call(leader, 'deliberation', 'end', { topicId, reason: s.endReason });
      continue;
    }
    // 联审: the leader drafts; the Party branch and the three councils review.
    let day = s.day + collectDays;
    h.on(day, 21);
    await h.call(leader, 'deliberation', 'advance', { topicId, to: 'review', note: '意见收集结束，进入联审' });
    const reviewers: Array<['party_branch' | 'owners' | 'deliberation' | 'supervisory', string]> = [
      ['party_branch', branchOf(s.estateId)],
      ['owners', chairOf('owners')],
      ['deliberation', chairOf('deliberation')],
      ['supervisory', chairOf('supervisory')],
    ];
    const review = async (version: 'first' | 'final') => {
      for (const [i, [body, openid]] of reviewers.entries()) {
        if (s.stop === 'review' && i >= 2) break; // half the bodies have spoken so far
        const changes = version === 'first' && body === 'owners';
        await h.call(openid, 'deliberation', 'recordReview', {
          topicId,
          body,
          verdict: changes ? 'agree_with_changes' : 'agree',
          comment: changes ? '选址和收费方式请按居民意见调整后再提交' : '同意',
        });
      }
    };
    day += 1;
    h.on(day, 9);
    if (s.revisedFrom) {
      await h.call(leader, 'deliberation', 'draftProposal', { topicId, text: s.revisedFrom });
      h.on(day, 15);
      await review('first');
      day += 2;
      h.on(day, 9);
    }
    await h.call(leader, 'deliberation', 'draftProposal', {
      topicId,
      text: s.proposal,
      answersOpinionIds: opinionIds.slice(0, 2),
    });
    h.on(day, 15);
    await review('final');
    if (s.stop === 'review') continue;
    // 决议: the households vote in a window of five days.
    day += 1;
    h.on(day, 9);
    const voteDays = s.stop === 'vote' ? 15 : 5;
    const closesAt = h.day(day + voteDays, 20);
    await h.call(leader, 'deliberation', 'advance', {
      topicId,
      to: 'vote',
      rule: s.rule,
      closesAt: h.iso(closesAt),
      noticeDays: 7,
      note: '联审通过，进入表决',
    });
    const voters = residents.filter((p) => p.openid !== P.resident || s.stop !== 'vote');
    const turnout = Math.round(voters.length * s.turnout);
    for (let i = 0; i < turnout; i++) {
      const voter = voters[i]!;
      h.on(day + (i % Math.min(voteDays, 5)), 18, i % 60);
      const choice = i < Math.round(turnout * s.agree) ? 'agree' : random() < 0.5 ? 'oppose' : 'abstain';
      await h.call(voter.openid, 'deliberation', 'castBallot', { topicId, choice, householdId: voter.householdId });
      counts.ballots++;
    }
    if (s.stop === 'vote') continue;
    // The leader closes the vote after the window: passed → 公示 (seven days), failed → ended.
    day += voteDays;
    h.at(new Date(closesAt.getTime() + 10 * 60_000));
    await h.call(leader, 'deliberation', 'closeVote', { topicId });
    if (s.stop === 'failed') continue;
    // 公示: an objection, answered (or still waiting); once the 监事会 suspends and lifts it.
    if (s.objection) {
      h.on(day + 1, 20);
      const objector = residents.find((p) => p.openid !== leader && p.openid !== P.resident) ?? residents[0]!;
      const lodged = await h.call<{ id: string }>(objector.openid, 'deliberation', 'lodgeObjection', {
        topicId,
        text: s.objection.text,
      });
      counts.objections++;
      if (s.objection.answer) {
        h.on(day + 2, 10);
        await h.call(leader, 'deliberation', 'answerObjection', {
          topicId,
          objectionId: lodged.id,
          answer: s.objection.answer,
        });
      }
    }
    if (s.suspend) {
      h.on(day + 2, 11);
      await h.call(chairOf('supervisory'), 'deliberation', 'suspendNotice', { topicId, reason: s.suspend.reason });
      h.on(day + 4, 15);
      await h.call(chairOf('supervisory'), 'deliberation', 'liftSuspension', { topicId, reason: s.suspend.lift });
    }
    if (s.stop === 'notice') continue;
    // 执行: after the seven days of 公示, the executor is named and reports progress.
    day += 8;
    h.on(day, 9);
    await h.call(leader, 'deliberation', 'advance', {
      topicId,
      to: 'execute',
      executor: s.executor,
      dueDate: h.dayText(day + 40),
      note: '公示期满无异议（异议均已答复），进入执行',
    });
    for (const [i, [percent, note]] of (s.progress ?? []).entries()) {
      h.on(day + 7 + i * 10, 17);
      await h.call(leader, 'deliberation', 'addProgress', { topicId, percent, note });
    }
    if (s.stop === 'execute') continue;
    // 评估: residents rate the result inside a window; after it, the topic is archived.
    day += 8 + (s.progress?.length ?? 0) * 10;
    // The topic still in 评估 today opens it at most 20 days ago: its period (to 7 days from
    // today) stays within the longest one (30 days, cloudfunctions/deliberation/src/periods.ts).
    if (s.stop === 'evaluate') day = Math.max(day, -20);
    h.on(day, 9);
    const evaluationEnds = s.stop === 'evaluate' ? h.day(7, 20) : h.day(day + 10, 20);
    await h.call(leader, 'deliberation', 'advance', {
      topicId,
      to: 'evaluate',
      endsAt: h.iso(evaluationEnds),
      note: '施工完成，请居民评价',
    });
    for (const [i, comment] of (s.ratings ?? []).entries()) {
      const rater = residents[(i * 2 + 1) % residents.length]!;
      h.on(Math.min(day + 1 + i, -1), 19);
      await h.call(rater.openid, 'deliberation', 'rate', {
        topicId,
        score: i % 3 === 1 ? 4 : 5,
        comment,
        householdId: rater.householdId,
      });
      counts.ratings++;
    }
    if (s.stop === 'evaluate') continue;
    h.at(new Date(evaluationEnds.getTime() + 60 * 60_000));
    await h.call(leader, 'deliberation', 'advance', { topicId, to: 'archived', note: '评估结束，归档' });
  }
  return counts;
}
