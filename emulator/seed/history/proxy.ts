/**
 * 代办 in the lived-in demo (docs/adr/0040-proxy-acts.md): 陈志强, 1号楼's leader, records the
 * verbal consent of 孙桂芳, a resident of his building without WeChat (her offline record is
 * created with it), posts a wish for her that the admin publishes and a member fulfils, confirms
 * it for her with five stars, and later gives her opinion on the building's open topic. Kept apart from the grids' own seed (a 网格员 acts the same way).
 */
import { COMMUNITY, P, type Cast } from './cast';
import type { History } from './runner';

const HOUSEHOLD = 'hh-xfl-1-502';
const NAME = '孙桂芳';

export async function proxyHistory(h: History, _cast: Cast): Promise<{ acts: number }> {
  let acts = 0;
  h.on(-30, 10, 5);
  const consent = await h.call<{ id: string }>(P.leader, 'account', 'recordProxyConsent', {
    communityId: COMMUNITY,
    householdId: HOUSEHOLD,
    residentName: NAME,
    scope: ['post_wish', 'post_opinion', 'confirm_wish'],
    kind: 'verbal',
  });
  h.on(-30, 10, 20);
  const wish = await h.call<{ id: string }>(P.leader, 'wish', 'post', {
    communityId: COMMUNITY,
    category: 'elderly',
    title: '想请人帮忙换个灯泡',
    content: '厨房的灯坏了，自己够不着，没有微信，托陈组长帮忙登记。',
    wantedBy: h.dayText(-16),
    proxy: { consentId: consent.id },
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

  const topics = await h.call<{ items: Array<{ id: string; title: string }> }>(P.admin, 'deliberation', 'list', {
    communityId: COMMUNITY,
    step: 'collect',
  });
  const topic = topics.items.find((t) => t.title === '1号楼楼顶晾晒区规划');
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
  return { acts };
}
