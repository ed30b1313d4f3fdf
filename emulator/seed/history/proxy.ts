/**
 * 代办 in the lived-in demo (docs/adr/0040-proxy-acts.md): 陈志强, 1号楼's leader, records the
 * verbal consent of 孙桂芳, a resident of his building without WeChat (her offline record is
 * created with it), posts a wish for her that the admin publishes and a member fulfils, confirms
 * it for her with five stars, and later gives her opinion on the building's open topic.
 *
 * 吴晓燕, 第一网格's 网格员, acts for 钱淑英 of 2号楼 2-502, who has no WeChat: on
 * her verbal consent she posts a wish for her (published) and signs her up for the upcoming
 * greening activity; on a written consent — the signed 委托书 photographed and uploaded as the
 * app uploads a photo — she casts 2-502's ballot on the estate's open vote.
 */
import { COMMUNITY, P, type Cast } from './cast';
import type { History } from './runner';

const HOUSEHOLD = 'hh-xfl-1-502';
const NAME = '孙桂芳';

/** 吴晓燕's resident: 2号楼 2-502 (she lives with her daughter's family, who use the app; she owns the flat). */
export const GRID_PROXY_HOUSEHOLD = 'hh-xfl-2-502';
export const GRID_PROXY_RESIDENT = '钱淑英';

/** A small image standing for the photographed 委托书 (a white 2×2 PNG). */
const WEITUOSHU_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAADklEQVR4nGP4DwYMEAoAU7oL9ZisIGcAAAAASUVORK5CYII=',
  'base64',
);

export async function proxyHistory(h: History, cast: Cast): Promise<{ acts: number; gridWorkerActs: number }> {
  const acts = await leaderActs(h);
  const gridWorkerActs = await gridWorkerHistory(h, cast);
  return { acts, gridWorkerActs };
}

/** The topic or activity titled `title` in the admin's list (`filter`), or undefined. */
async function listed(
  h: History,
  area: 'deliberation' | 'volunteer',
  filter: Record<string, string>,
  title: string,
): Promise<{ id: string } | undefined> {
  const page = await h.call<{ items: Array<{ id: string; title: string }> }>(P.admin, area, 'list', {
    communityId: COMMUNITY,
    ...filter,
  });
  return page.items.find((x) => x.title === title);
}

/** A resident without WeChat: her household and her name. */
type Resident = readonly [householdId: string, name: string];

/** `proxy` records the consent of the resident without WeChat. */
function recordConsent(
  h: History,
  proxy: string,
  [householdId, name]: Resident,
  consent: { scope: string[]; kind: 'verbal' | 'written'; photoFileId?: string },
): Promise<{ id: string }> {
  return h.call(proxy, 'account', 'recordProxyConsent', {
    communityId: COMMUNITY,
    householdId,
    residentName: name,
    ...consent,
  });
}

/**
 * At `at`, `proxy` records the resident's verbal consent to `scope` and, a quarter of an hour
 * later, posts an elderly-care wish for her on it.
 */
async function consentAndWish(
  h: History,
  at: Date,
  proxy: string,
  resident: Resident,
  { scope, ...wish }: { scope: string[]; title: string; content: string; wantedBy: string },
): Promise<{ consent: { id: string }; wish: { id: string } }> {
  h.at(at);
  const consent = await recordConsent(h, proxy, resident, { scope, kind: 'verbal' });
  h.later(15, at);
  const posted = await h.call<{ id: string }>(proxy, 'wish', 'post', {
    communityId: COMMUNITY,
    category: 'elderly',
    ...wish,
    proxy: { consentId: consent.id },
  });
  return { consent, wish: posted };
}

/** 陈志强 acts for 孙桂芳. */
async function leaderActs(h: History): Promise<number> {
  let acts = 0;
  const { consent, wish } = await consentAndWish(h, h.day(-30, 10, 5), P.leader, [HOUSEHOLD, NAME], {
    scope: ['post_wish', 'post_opinion', 'confirm_wish'],
    title: '想请人帮忙换个灯泡',
    content: '厨房的灯坏了，自己够不着，没有微信，托陈组长帮忙登记。',
    wantedBy: h.dayText(-16),
  });
  acts++;
  h.on(-29, 9, 30);
  await h.call(P.admin, 'wish', 'review', { wishId: wish.id, decision: 'publish' });
  h.on(-28, 19, 0);
  await h.call(P.member, 'wish', 'claim', { wishId: wish.id });
  h.on(-27, 18, 30);
  await h.call(P.member, 'wish', 'fulfil', {
    wishId: wish.id,
    note: '买了节能灯泡上门换好了，顺便检查了电线。',
    photos: [],
  });
  h.on(-26, 10, 0);
  await h.call(P.leader, 'wish', 'confirm', { wishId: wish.id, rating: 5, proxy: { consentId: consent.id } });
  acts++;

  const topic = await listed(h, 'deliberation', { step: 'collect' }, '1号楼楼顶晾晒区规划');
  if (topic) {
    h.on(-2, 16, 10);
    await h.call(P.leader, 'deliberation', 'postOpinion', {
      topicId: topic.id,
      text: '我腿脚不好上不了楼顶，希望楼下也留个晾被子的地方。',
      photos: [],
      proxy: { consentId: consent.id },
    });
    acts++;
  }
  return acts;
}

/** 吴晓燕 acts for 钱淑英: a wish, a sign-up and, on a written 委托书, the household's ballot. */
async function gridWorkerHistory(h: History, _cast: Cast): Promise<number> {
  let acts = 0;
  const resident: Resident = [GRID_PROXY_HOUSEHOLD, GRID_PROXY_RESIDENT];
  const { consent: verbal, wish } = await consentAndWish(h, h.day(-21, 9, 40), P.gridWorker, resident, {
    scope: ['post_wish', 'sign_up', 'post_opinion'],
    title: '想找人陪同去社区医院复查',
    content: '子女白天上班，下个月要去社区医院复查血压，腿脚不便，希望有人陪同。没有微信，托网格员吴晓燕登记。',
    wantedBy: h.dayText(10),
  });
  acts++;
  h.on(-20, 9, 15);
  await h.call(P.admin, 'wish', 'review', { wishId: wish.id, decision: 'publish' });

  const greening = await listed(h, 'volunteer', { when: 'upcoming' }, '小区绿地补种和冬季养护');
  if (greening) {
    h.on(-3, 10, 20);
    await h.call(P.gridWorker, 'volunteer', 'signUp', { activityId: greening.id, proxy: { consentId: verbal.id } });
    acts++;
  }

  const topic = await listed(h, 'deliberation', { step: 'vote' }, '幸福里小区垃圾分类投放点迁移');
  if (topic) {
    h.on(-1, 9, 30);
    const photoFileId = await h.upload('weituoshu-2-502.png', WEITUOSHU_PNG);
    const written = await recordConsent(h, P.gridWorker, resident, {
      scope: ['cast_ballot'],
      kind: 'written',
      photoFileId,
    });
    h.on(-1, 9, 45);
    await h.call(P.gridWorker, 'deliberation', 'castBallot', {
      topicId: topic.id,
      choice: 'agree',
      proxy: { consentId: written.id },
    });
    acts++;
  }
  return acts;
}
