/**
 * A year of 微心愿 in 幸福里: wishes posted by residents of both estates, reviewed by the
 * building leader or the community admin, claimed by Party members (and once by a liaison for
 * the work unit), fulfilled, confirmed and thanked — and every other ending: rejected,
 * withdrawn, released and claimed again, expired unclaimed; plus open ones on the wall today
 * and new ones waiting for review.
 */
import { COMMUNITY, P, type Cast } from './cast';
import type { History } from './runner';

type Ending = 'submitted' | 'published' | 'rejected' | 'withdrawn' | 'expired' | 'claimed' | 'fulfilled' | 'confirmed';

interface WishStory {
  /** Days from today the wish is posted (negative: in the past). */
  day: number;
  poster: string;
  category: 'living' | 'education' | 'medical' | 'elderly' | 'other';
  title: string;
  content: string;
  /** Days after posting the wish is wanted by. */
  wantedIn: number;
  ending: Ending;
  /** The leader of the poster's building reviews instead of the admin. */
  reviewer?: string;
  claimer?: string;
  /** A first claimer who gives it back with this reason before `claimer` takes it. */
  releasedBy?: { openid: string; reason: string };
  liaisonFor?: string;
  note?: string;
  rating?: number;
  thanks?: string;
  rejectReason?: string;
}

export async function wishHistory(h: History, cast: Cast): Promise<{ wishes: number }> {
  // Posters are residents who are not Party members (a member may not claim their own wish).
  const memberIds = new Set(cast.members().map((p) => p.userId));
  const r = (building: string, i: number) => {
    const people = cast.residentsOf(building).filter((p) => !memberIds.has(p.userId) && p.openid !== P.admin);
    return people[i % people.length]!.openid;
  };
  const inOffice = cast.members('in_office').map((p) => p.openid);
  const retired = cast.members('retired').map((p) => p.openid);
  const hxjyLeader = cast.holders('building_leader').find((x) => x.role.buildingId === 'bld-hxjy-2')!.person.openid;
  const stories: WishStory[] = [
    {
      day: -340,
      poster: P.resident,
      category: 'elderly',
      title: '想借一个助行器',
      content: '老伴去年摔了一跤，腿脚一直不利索，想借一个助行器用两三个月，方便下楼晒太阳。',
      wantedIn: 14,
      ending: 'confirmed',
      reviewer: P.leader,
      claimer: P.member,
      note: '从区人民医院康复科借到一台四脚助行器，已送到家并调好高度，教会了使用方法。',
      rating: 5,
      thanks: '李书记跑了两趟医院，老伴现在每天都能下楼走走，太感谢了！',
    },
    {
      day: -300,
      poster: r('bld-xfl-2', 2),
      category: 'education',
      title: '孩子数学需要辅导',
      content: '孩子上初二，数学跟不上，家里没人会辅导，希望有党员志愿者每周辅导一次。',
      wantedIn: 30,
      ending: 'confirmed',
      claimer: inOffice[7]!,
      note: '每周六上午在社区书屋辅导一小时，已坚持八周，期中考试数学提高了二十分。',
      rating: 5,
      thanks: '老师讲得耐心，孩子现在愿意学数学了。',
    },
    {
      day: -262,
      poster: r('bld-hxjy-1', 1),
      category: 'living',
      title: '楼道灯坏了没人修',
      content: '和谐家园1号楼三楼到五楼的楼道灯坏了快一个月，晚上上下楼很黑，老人怕摔。',
      wantedIn: 10,
      ending: 'confirmed',
      claimer: inOffice[3]!,
      releasedBy: { openid: retired[2]!, reason: '家里临时有事要去外地一个月，怕耽误了，先交给其他同志' },
      note: '买了三只声控灯泡换上，顺便把楼道里的杂物清理了一遍。',
      rating: 4,
      thanks: '灯亮了，晚上回家安心多了。',
    },
    {
      day: -230,
      poster: r('bld-xfl-3', 0),
      category: 'other',
      title: '请帮忙在我家门口装个扶手',
      content: '单元门口有三级台阶，下雨天很滑，希望能装一个不锈钢扶手。',
      wantedIn: 20,
      ending: 'rejected',
      rejectReason: '单元门口属于公共部位，加装扶手需经业委会同意，已转入小区议事流程统一办理',
    },
    {
      day: -205,
      poster: r('bld-hxjy-2', 0),
      category: 'medical',
      title: '每月陪同去医院复查',
      content: '我患糖尿病多年，子女在外地，每月要去区医院复查一次，想找人陪同挂号取药。',
      wantedIn: 30,
      ending: 'confirmed',
      reviewer: hxjyLeader,
      claimer: P.liaison,
      liaisonFor: 'wu-tax',
      note: '市税务局第三分局党员轮流陪同，已陪同复查三次，并帮忙在手机上预约了下次挂号。',
      rating: 5,
      thanks: '谢谢税务局的同志们，比自家孩子还贴心。',
    },
    {
      day: -170,
      poster: r('bld-xfl-1', 3),
      category: 'living',
      title: '想找人帮忙修理漏水的水龙头',
      content: '厨房水龙头一直滴水，自己拧不紧，想请懂水电的同志帮忙看看。',
      wantedIn: 7,
      ending: 'withdrawn',
      reviewer: P.leader,
    },
    {
      day: -140,
      poster: r('bld-hxjy-3', 1),
      category: 'elderly',
      title: '想学用智能手机挂号',
      content: '不会用手机预约挂号和健康码，每次去医院都要排很久的队，想请人教一教。',
      wantedIn: 10,
      ending: 'expired',
    },
    {
      day: -110,
      poster: P.resident,
      category: 'living',
      title: '冬天想换一床厚棉被',
      content: '家里棉被用了十几年，已经不保暖，想要一床厚一点的棉被过冬。',
      wantedIn: 15,
      ending: 'confirmed',
      reviewer: P.leader,
      claimer: retired[0]!,
      note: '和党小组的同志一起送去一床新棉被和一套床单。',
      rating: 5,
      thanks: '被子很暖和，谢谢陈组长和大家。',
    },
    {
      day: -75,
      poster: r('bld-xfl-2', 5),
      category: 'education',
      title: '孩子暑假想学书法',
      content: '孩子九岁，暑假在家没人看，想找一位会书法的志愿者教教毛笔字。',
      wantedIn: 20,
      ending: 'confirmed',
      claimer: P.estateLeader,
      note: '暑假每周二、四下午在社区活动室教写毛笔字，一共上了十次课，孩子的作品参加了社区书法展。',
      rating: 4,
    },
    {
      day: -40,
      poster: r('bld-hxjy-1', 4),
      category: 'medical',
      title: '需要一台血压计',
      content: '老伴高血压，医生让每天量血压，家里的血压计坏了，想借或换一台。',
      wantedIn: 14,
      ending: 'confirmed',
      claimer: inOffice[4]!,
      note: '送去一台电子血压计，教会了测量和记录。',
      rating: 5,
      thanks: '谢谢医院的同志，量得很准。',
    },
    {
      day: -12,
      poster: r('bld-xfl-3', 3),
      category: 'living',
      title: '帮忙把旧家具搬下楼',
      content: '家里换了新沙发，旧沙发太重搬不动，五楼没有电梯，想请几个人帮忙搬下楼。',
      wantedIn: 14,
      ending: 'fulfilled',
      claimer: inOffice[2]!,
      note: '周末叫上两位同事一起搬下楼，放到了小区大件垃圾点。',
    },
    {
      day: -8,
      poster: P.resident,
      category: 'elderly',
      title: '想请人陪我去银行办业务',
      content: '社保卡要换新卡，银行离得远，我一个人不太会操作，希望有人陪同。',
      wantedIn: 14,
      ending: 'claimed',
      reviewer: P.leader,
      claimer: P.member,
    },
    {
      day: -6,
      poster: r('bld-hxjy-2', 3),
      category: 'education',
      title: '想找人教英语口语',
      content: '孩子明年中考，英语口语薄弱，希望有志愿者每周陪练一次。',
      wantedIn: 30,
      ending: 'published',
      reviewer: hxjyLeader,
    },
    {
      day: -4,
      poster: r('bld-xfl-1', 5),
      category: 'living',
      title: '阳台晾衣架坏了',
      content: '阳台升降晾衣架的钢丝断了，衣服晾不上去，想请人帮忙修一修。',
      wantedIn: 12,
      ending: 'published',
      reviewer: P.leader,
    },
    {
      day: -1,
      poster: r('bld-xfl-1', 6),
      category: 'elderly',
      title: '想要一个放大镜看报纸',
      content: '眼睛老花越来越厉害，看报纸很吃力，想要一个带灯的放大镜。',
      wantedIn: 10,
      ending: 'submitted',
    },
    {
      day: -1,
      poster: r('bld-hxjy-1', 2),
      category: 'other',
      title: '家门口的快递柜能不能挪一挪',
      content: '快递柜挡住了单元门口的坡道，推轮椅进出很不方便。',
      wantedIn: 20,
      ending: 'submitted',
    },
  ];

  for (const s of stories) {
    const posted = h.day(s.day, 9, 30);
    h.at(posted);
    const wish = await h.call<{ id: string }>(s.poster, 'wish', 'post', {
      communityId: COMMUNITY,
      category: s.category,
      title: s.title,
      content: s.content,
      wantedBy: h.dayText(s.day + s.wantedIn),
    });
    const wishId = wish.id;
    if (s.ending === 'submitted') continue;
    const reviewer = s.reviewer ?? P.admin;
    if (s.ending === 'withdrawn') {
      h.on(s.day + 1, 8, 10);
      await h.call(s.poster, 'wish', 'withdraw', { wishId });
      continue;
    }
    h.on(s.day, 16, 20);
    if (s.ending === 'rejected') {
      await h.call(reviewer, 'wish', 'review', { wishId, decision: 'reject', reason: s.rejectReason });
      continue;
    }
    await h.call(reviewer, 'wish', 'review', { wishId, decision: 'publish' });
    if (s.ending === 'published') continue;
    if (s.ending === 'expired') {
      // Nobody claimed it: the scheduler expires it the night after its wanted-by day.
      h.on(s.day + s.wantedIn + 1, 2, 0);
      await h.timer('wish', 'expire-and-release');
      continue;
    }
    if (s.releasedBy) {
      h.on(s.day + 1, 10);
      await h.call(s.releasedBy.openid, 'wish', 'claim', { wishId });
      h.on(s.day + 3, 19);
      await h.call(s.releasedBy.openid, 'wish', 'release', { wishId, reason: s.releasedBy.reason });
    }
    h.on(s.day + (s.releasedBy ? 3 : 1), 20, 15);
    await h.call(s.claimer!, 'wish', 'claim', {
      wishId,
      ...(s.liaisonFor ? { onBehalfOfWorkUnitId: s.liaisonFor } : {}),
    });
    if (s.ending === 'claimed') continue;
    h.on(s.day + Math.min(s.wantedIn - 1, 6), 18);
    await h.call(s.claimer!, 'wish', 'fulfil', { wishId, note: s.note, photos: [] });
    if (s.ending === 'fulfilled') continue;
    h.on(s.day + Math.min(s.wantedIn, 7), 10, 40);
    await h.call(s.poster, 'wish', 'confirm', {
      wishId,
      rating: s.rating ?? 5,
      ...(s.thanks ? { thanks: s.thanks } : {}),
    });
  }
  return { wishes: stories.length };
}
