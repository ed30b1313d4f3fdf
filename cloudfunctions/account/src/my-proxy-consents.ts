/**
 * account.myProxyConsents — the caller's own 代办 consents, as the resident they name, newest
 * first (docs/adr/0040-proxy-acts.md): a resident who uses the app reads who may act for her and
 * withdraws a consent (account.withdrawProxyConsent); and 代办记录, the audited 代办 entries that
 * name the caller as the resident (every act done for them, each marked "由…代办" — also those
 * done before they joined, docs/adr/0040-proxy-acts.md; a ballot's entry never names the choice).
 * Read only; a caller without a profile has none.
 * Requests: the caller 1, their consents and their 代办 entries 2 (in parallel), the photos (storage).
 */
import { proxyMark, type MyProxyConsents, type ProxyActRecord } from '../../../types/proxy';
import { auditSentence } from '../../../types/labels/audit';
import type { AuditDoc, ProxyConsentDoc } from '../../../types/documents';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll, iso } from '../../_shared/db-helpers';
import { tempUrls } from '../../_shared/photos';
import { toConsent } from './proxy-consents';

/** How many of the newest 代办 entries the caller reads. */
const ACTS_SHOWN = 50;

function toActRecord(entry: AuditDoc): ProxyActRecord {
  const act = !entry.action.endsWith('Consent');
  return {
    id: entry._id,
    action: entry.action,
    sentence: auditSentence(entry),
    mark: act ? proxyMark({ actorName: entry.actorName }) : null,
    at: iso(entry.at),
  };
}

export async function myProxyConsents({ ctx }: { ctx: Ctx }): Promise<MyProxyConsents> {
  const actor = await loadActor(ctx);
  const user = actor.requireUser();
  const [docs, entries] = await Promise.all([
    getAll<ProxyConsentDoc>(ctx.db.collection(Collections.proxyConsents).where({ residentId: user._id }).limit(200)),
    ctx.db
      .collection(Collections.auditLog)
      .where({ residentId: user._id })
      .orderBy('at', 'desc')
      .limit(ACTS_SHOWN)
      .get()
      .then((res) => res.data as AuditDoc[]),
  ]);
  const photos = docs.map((d) => d.photoFileId).filter((id): id is string => Boolean(id));
  const urls = photos.length > 0 ? await tempUrls(photos) : new Map<string, string>();
  return {
    items: docs
      .sort((a, b) => new Date(b.grantedAt).getTime() - new Date(a.grantedAt).getTime())
      .map((d) => toConsent(d, urls, user)),
    acts: entries.filter((e) => e.action.startsWith('proxy.')).map(toActRecord),
  };
}
