/**
 * account.recordProxyConsent — a proxy records a resident's consent to 代办
 * (docs/adr/0040-proxy-acts.md).
 * Invariants:
 * - the caller is a 网格员 / 网格长 of the household's building's grid, or that building's
 *   楼栋党小组长 (FORBIDDEN `proxy.outside-scope`), and does not live in the household
 *   (`proxy.own-household`);
 * - the resident is one bound to the household (`residentId`, VALIDATION `proxy.not-resident`
 *   otherwise), or — for a resident without WeChat — named (`residentName`): their offline
 *   record is the user `offline-<hash of household and name>` with openid `offline:<id>` and a
 *   resident role on the household, created once (the same name at the same household is the
 *   same person, so a second consent finds it);
 * - a written consent needs the 委托书's photo, a file of this environment (VALIDATION); a
 *   verbal one may not be used for a ballot (_shared/proxy.ts);
 * - every check comes before any write; the offline record, its role, the consent and its audit
 *   entry `audit-proxy.recordConsent:<consent id>` (with the grid) are ONE transaction.
 * Requests: the caller 1, the household, building and estate 3, the photo check (storage), the
 * resident and their role 2, then the transaction: start, up to 4 writes, commit.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../types/errors';
import type { ProxyConsent, RecordProxyConsentInput } from '../../../types/proxy';
import { proxyActLabels } from '../../../types/labels/proxy';
import type { ProxyConsentDoc, UserDoc } from '../../../types/documents';
import { loadActor } from '../../_shared/actor';
import { auditDocOf } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { getById } from '../../_shared/db-helpers';
import { buildRole, roleId, type RoleDoc } from '../../_shared/documents';
import { newDocId } from '../../_shared/outbox';
import { attachedPhotoUrls } from '../../_shared/photos';
import { householdLabel } from '../../_shared/place-labels';
import { mayProxyIn, outsideScope } from '../../_shared/proxy';
import { toConsent } from './proxy-consents';

/** The deterministic id of the offline record of a resident without WeChat. */
export function offlineResidentId(householdId: string, name: string): string {
  return `offline-${createHash('sha256').update(`${householdId}\n${name}`).digest('hex').slice(0, 16)}`;
}

export async function recordProxyConsent({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RecordProxyConsentInput;
}): Promise<ProxyConsent> {
  const actor = await loadActor(ctx);
  const user = actor.requireUser();
  const household = await getById(ctx, Collections.households, input.householdId);
  if (!household || household.communityId !== input.communityId) {
    throw new AppError('NOT_FOUND', 'proxy.household-not-found', '找不到这户房屋');
  }
  const [building, estate] = await Promise.all([
    getById(ctx, Collections.buildings, household.buildingId),
    getById(ctx, Collections.estates, household.estateId),
  ]);
  if (!building || !estate || !mayProxyIn(actor, building)) throw outsideScope();
  if (actor.has('resident', (r) => r.householdId === household._id)) {
    throw new AppError('FORBIDDEN', 'proxy.own-household', '不能为自己家代办，请本人直接办理');
  }
  const photoFileId = input.photoFileId ?? null;
  if (input.kind === 'written' && !photoFileId) {
    throw new AppError('VALIDATION', 'proxy.photo-required', '书面委托需要上传居民签字的委托书照片', {
      photoFileId: '请上传委托书照片',
    });
  }
  let urls = new Map<string, string>();
  if (photoFileId) {
    const checked = await attachedPhotoUrls([photoFileId]);
    if ('problem' in checked) {
      if (checked.problem === 'photo-missing') {
        throw new AppError('VALIDATION', 'proxy.photo-missing', '委托书照片不存在或已过期，请重新上传', {
          photoFileId: '请重新上传',
        });
      }
      throw new AppError('VALIDATION', 'proxy.photo-foreign', '委托书照片地址不正确，请重新上传', {
        photoFileId: '请重新上传',
      });
    }
    urls = checked.urls;
  }
  const label = householdLabel(estate, building, household);
  const now = ctx.now();

  let resident: UserDoc | null;
  let newUser: UserDoc | null = null;
  let newRole: RoleDoc | null = null;
  if (input.residentId) {
    const [found, role] = await Promise.all([
      getById(ctx, Collections.users, input.residentId),
      getById(ctx, Collections.roles, roleId('resident', input.residentId, household._id)),
    ]);
    if (!found || !role) {
      throw new AppError('VALIDATION', 'proxy.not-resident', '该居民没有绑定这户房屋', {
        residentId: '请重新选择居民',
      });
    }
    resident = found;
  } else {
    const name = input.residentName!;
    const id = offlineResidentId(household._id, name);
    resident = await getById(ctx, Collections.users, id);
    if (!resident) {
      newUser = {
        _id: id,
        openid: `offline:${id}`,
        name,
        phone: null,
        avatarUrl: null,
        offline: true,
        createdAt: now,
        updatedAt: now,
      };
      resident = newUser;
    }
    const role = await getById(ctx, Collections.roles, roleId('resident', id, household._id));
    if (!role) {
      newRole = buildRole({
        kind: 'resident',
        userId: id,
        communityId: household.communityId,
        scopeId: household._id,
        estateId: household.estateId,
        buildingId: household.buildingId,
        householdId: household._id,
        scopeLabel: label,
        grantedBy: user._id,
        grantedAt: now,
      });
    }
  }
  if (resident._id === user._id) {
    throw new AppError('FORBIDDEN', 'proxy.own-household', '不能为自己家代办，请本人直接办理');
  }

  const consent: ProxyConsentDoc = {
    _id: newDocId(),
    communityId: household.communityId,
    residentId: resident._id,
    residentName: resident.name,
    householdId: household._id,
    householdLabel: label,
    buildingId: building._id,
    gridId: building.gridId ?? null,
    actorId: user._id,
    actorName: user.name,
    scope: input.scope,
    kind: input.kind,
    photoFileId,
    grantedAt: now,
    withdrawnAt: null,
    withdrawnById: null,
    withdrawnByName: null,
    withdrawReason: null,
    refused: false,
  };
  const audit = {
    ...auditDocOf(
      ctx,
      user,
      {
        communityId: consent.communityId,
        action: 'proxy.recordConsent',
        targetKind: 'proxy_consent',
        targetId: consent._id,
        summary: `${resident.name}（${label}${newUser ? '，无微信居民' : ''}）${
          input.kind === 'written' ? '书面委托' : '口头同意'
        }代办：${input.scope.map((a) => proxyActLabels[a]).join('、')}`,
        before: null,
        after: { scope: consent.scope, kind: consent.kind, photoFileId },
      },
      `audit-proxy.recordConsent:${consent._id}`,
    ),
    gridId: consent.gridId,
    residentId: resident._id,
  };
  await runTransaction(ctx.db, async (tx) => {
    if (newUser) await tx.collection(Collections.users).add(newUser);
    if (newRole) await tx.collection(Collections.roles).add(newRole);
    await tx.collection(Collections.proxyConsents).add(consent);
    await tx.collection(Collections.auditLog).add(audit);
    crashPoint('proxy.recordConsent.before-commit');
  });
  return toConsent(consent, urls, resident);
}
