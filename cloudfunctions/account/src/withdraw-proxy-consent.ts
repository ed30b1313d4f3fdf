/**
 * account.withdrawProxyConsent — a 代办 consent is withdrawn (docs/adr/0040-proxy-acts.md).
 * Invariants: the resident it names (once they use the app), the proxy who recorded it, or an
 * admin of its community may withdraw it; anyone else is FORBIDDEN `proxy.not-withdrawer`; an
 * admin's withdrawal is a refusal (`refused`); a consent is withdrawn once (PRECONDITION_FAILED
 * `proxy.consent-withdrawn`, also for the loser of two concurrent withdrawals: the consent is
 * re-read in the transaction); the consent's change and its audit entry
 * `audit-proxy.withdrawConsent:<consent id>` are ONE transaction. No act is done on a withdrawn
 * consent afterwards (_shared/proxy.ts); the acts done before stay, marked 代办, and are
 * answered through their own verbs (an admin rejects a wish, a leader reviews it…).
 * Requests: the caller with the consent and its resident 1 (one aggregation), then start, the
 * consent, its update, the entry, commit: 6.
 */
import { AppError } from '../../../types/errors';
import type { ProxyConsent, WithdrawProxyConsentInput } from '../../../types/proxy';
import type { ProxyConsentDoc, UserDoc } from '../../../types/documents';
import { callerJoined } from '../../_shared/actor';
import { auditDocOf } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { tempUrls } from '../../_shared/photos';
import { toConsent } from './proxy-consents';

const notFound = () => new AppError('NOT_FOUND', 'proxy.consent-not-found', '找不到这份代办授权');
const withdrawn = () => new AppError('PRECONDITION_FAILED', 'proxy.consent-withdrawn', '这份代办授权已撤回');

export async function withdrawProxyConsent({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: WithdrawProxyConsentInput;
}): Promise<ProxyConsent> {
  const $ = ctx.db.command.aggregate;
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query.lookup({
      from: Collections.proxyConsents,
      pipeline: $.pipeline()
        .match({ _id: input.consentId })
        .limit(1)
        .lookup({ from: Collections.users, localField: 'residentId', foreignField: '_id', as: '_resident' })
        .done(),
      as: '_consent',
    }),
  );
  const user = actor.requireUser();
  const row = (joined?._consent as Array<ProxyConsentDoc & { _resident?: UserDoc[] }> | undefined)?.[0];
  if (!row) throw notFound();
  const { _resident, ...consent } = row;
  const resident = _resident?.[0] ?? null;
  const admin = actor.isAdminOf(consent.communityId);
  if (!admin && user._id !== consent.residentId && user._id !== consent.actorId) {
    throw new AppError(
      'FORBIDDEN',
      'proxy.not-withdrawer',
      '只有居民本人、登记授权的代办人或社区管理员可以撤回代办授权',
    );
  }
  if (consent.withdrawnAt) throw withdrawn();
  // An admin who is neither the resident nor the proxy refuses the consent.
  const refused = admin && user._id !== consent.residentId && user._id !== consent.actorId;
  const change: Pick<
    ProxyConsentDoc,
    'withdrawnAt' | 'withdrawnById' | 'withdrawnByName' | 'withdrawReason' | 'refused'
  > = {
    withdrawnAt: ctx.now(),
    withdrawnById: user._id,
    withdrawnByName: user.name,
    withdrawReason: input.reason ?? null,
    refused,
  };
  const audit = {
    ...auditDocOf(
      ctx,
      user,
      {
        communityId: consent.communityId,
        action: 'proxy.withdrawConsent',
        targetKind: 'proxy_consent',
        targetId: consent._id,
        summary: `${refused ? '拒绝' : '撤回'} ${consent.actorName} 为 ${consent.residentName}（${consent.householdLabel}）代办的授权${
          input.reason ? `：${input.reason}` : ''
        }`,
        before: { withdrawnAt: null },
        after: { refused, reason: change.withdrawReason },
      },
      `audit-proxy.withdrawConsent:${consent._id}`,
    ),
    gridId: consent.gridId,
    residentId: consent.residentId,
  };
  await runTransaction(ctx.db, async (tx) => {
    const res = await tx.collection(Collections.proxyConsents).doc(consent._id).get();
    const now = (res.data as ProxyConsentDoc | ProxyConsentDoc[] | null) ?? null;
    const stored = Array.isArray(now) ? now[0] : now;
    if (!stored || stored.withdrawnAt) throw withdrawn();
    await tx.collection(Collections.proxyConsents).doc(consent._id).update(change);
    await tx.collection(Collections.auditLog).add(audit);
    crashPoint('proxy.withdrawConsent.before-commit');
  });
  const urls = consent.photoFileId ? await tempUrls([consent.photoFileId]) : new Map<string, string>();
  return toConsent({ ...consent, ...change }, urls, resident);
}
