/**
 * 代办 consents as the account area shows them (docs/adr/0040-proxy-acts.md): the view of a
 * consent document, with its 委托书 photo's URL.
 */
import type { ProxyConsent } from '../../../types/proxy';
import type { ProxyConsentDoc, UserDoc } from '../../../types/documents';
import { iso } from '../../_shared/db-helpers';

export function toConsent(
  doc: ProxyConsentDoc,
  urls: ReadonlyMap<string, string>,
  resident: Pick<UserDoc, 'offline'> | null,
): ProxyConsent {
  return {
    id: doc._id,
    communityId: doc.communityId,
    residentId: doc.residentId,
    residentName: doc.residentName,
    offline: resident?.offline === true,
    householdId: doc.householdId,
    householdLabel: doc.householdLabel,
    actorId: doc.actorId,
    actorName: doc.actorName,
    scope: doc.scope,
    kind: doc.kind,
    photo: doc.photoFileId ? { fileId: doc.photoFileId, url: urls.get(doc.photoFileId) ?? '' } : null,
    grantedAt: iso(doc.grantedAt),
    withdrawnAt: doc.withdrawnAt ? iso(doc.withdrawnAt) : null,
    withdrawnByName: doc.withdrawnByName,
    refused: doc.refused,
    withdrawReason: doc.withdrawReason,
  };
}
