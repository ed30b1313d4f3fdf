/**
 * account.myProxyConsents — the caller's own 代办 consents, as the resident they name, newest
 * first (docs/adr/0040-proxy-acts.md): a resident who uses the app reads who may act for her and
 * withdraws a consent (account.withdrawProxyConsent). Read only; a caller without a profile has none.
 * Requests: the caller 1, their consents 1, the photos (storage).
 */
import type { MyProxyConsents } from '../../../types/proxy';
import type { ProxyConsentDoc } from '../../../types/documents';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import { tempUrls } from '../../_shared/photos';
import { toConsent } from './proxy-consents';

export async function myProxyConsents({ ctx }: { ctx: Ctx }): Promise<MyProxyConsents> {
  const actor = await loadActor(ctx);
  const user = actor.requireUser();
  const docs = await getAll<ProxyConsentDoc>(
    ctx.db.collection(Collections.proxyConsents).where({ residentId: user._id }).limit(200),
  );
  const photos = docs.map((d) => d.photoFileId).filter((id): id is string => Boolean(id));
  const urls = photos.length > 0 ? await tempUrls(photos) : new Map<string, string>();
  return {
    items: docs
      .sort((a, b) => new Date(b.grantedAt).getTime() - new Date(a.grantedAt).getTime())
      .map((d) => toConsent(d, urls, user)),
  };
}
