/**
 * The 代办 tests' world: 第一网格 (1号楼) with its 网格员 李网格, 第二网格 (2号楼) with 王网格, and
 * 张秀英 of 1-102 as the resident acted for; consents recorded through the real verb.
 */
import { Opinion } from '../../types/deliberation';
import { ProxyConsent } from '../../types/proxy';
import { expectOk } from '../account/helpers';
import { aRole, aUser } from '../support/factories';
import { DEMO, type Fixture } from '../support/fixtures';
import { setTopic, topicIn } from '../deliberation/helpers';
import { upload } from '../wish/helpers';

export const GW = 'grid-worker';
export const FAR_GW = 'far-grid-worker';
export const RESIDENT_ID = 'user-resident';
export const RESIDENT_HH = 'hh-xfl-1-102';
export const ALL_ACTS = ['post_wish', 'confirm_wish', 'sign_up', 'post_opinion', 'cast_ballot'];

export function seedGrids(f: Fixture): void {
  f.update('buildings', 'bld-xfl-1', { gridId: 'grid-1' });
  f.update('buildings', 'bld-xfl-2', { gridId: 'grid-2' });
  f.insert('users', [
    aUser({ _id: 'user-gw', openid: GW, name: '李网格' }),
    aUser({ _id: 'user-far-gw', openid: FAR_GW, name: '王网格' }),
  ]);
  f.insert('roles', [
    aRole({ kind: 'grid_worker', userId: 'user-gw', communityId: DEMO, gridId: 'grid-1', scopeLabel: '第一网格' }),
    aRole({ kind: 'grid_worker', userId: 'user-far-gw', communityId: DEMO, gridId: 'grid-2', scopeLabel: '第二网格' }),
  ]);
}

/** A consent of 张秀英 for `openid` (by default 李网格), every act allowed unless `over` says otherwise. */
export async function consentOf(f: Fixture, over: Record<string, unknown> = {}, openid = GW): Promise<ProxyConsent> {
  const body = await f.call(openid, 'account', 'recordProxyConsent', {
    communityId: DEMO,
    householdId: RESIDENT_HH,
    residentId: RESIDENT_ID,
    scope: ALL_ACTS,
    kind: 'verbal',
    ...over,
  });
  return expectOk(body, ProxyConsent);
}

/** A written consent, with the signed 委托书's photo (what a proxy ballot needs). */
export async function writtenConsentOf(
  f: Fixture,
  over: Record<string, unknown> = {},
  openid = GW,
): Promise<ProxyConsent> {
  return consentOf(f, { kind: 'written', photoFileId: await upload(f), ...over }, openid);
}

/** A topic collecting opinions, and an opinion 李网格 posts on it for 张秀英 on a fresh consent. */
export async function proxyOpinion(f: Fixture): Promise<{ topicId: string; opinion: Opinion }> {
  const topicId = await topicIn(f, 'collect');
  setTopic(f, topicId, { collectEndsAt: new Date(Date.now() + 86_400_000) });
  const c = await consentOf(f);
  const opinion = expectOk(
    await f.call(GW, 'deliberation', 'postOpinion', {
      topicId,
      text: '楼道里需要多装几盏灯',
      photos: [],
      proxy: { consentId: c.id },
    }),
    Opinion,
  );
  return { topicId, opinion };
}
