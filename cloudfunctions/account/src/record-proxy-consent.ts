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
 * Requests: the caller with the household, its building and estate, the resident and their
 * role (their ids are known from the input) in ONE aggregation, the photo check (storage), then
 * the transaction: start, the consent, the audit entry, commit — 5; a resident without WeChat
 * recorded for the first time adds their user and role to the transaction: 7 (ADR 0017: four
 * documents of four collections that must exist together or not at all).
 */
import { AppError } from '../../../types/errors';
import type { ProxyConsent, RecordProxyConsentInput } from '../../../types/proxy';
import { proxyActLabels } from '../../../types/labels/proxy';
import type { BuildingDoc, EstateDoc, HouseholdDoc, ProxyConsentDoc, UserDoc } from '../../../types/documents';
import { callerJoined } from '../../_shared/actor';
import { auditDocOf } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { buildRole, roleId, type RoleDoc } from '../../_shared/documents';
import { newDocId } from '../../_shared/outbox';
import { attachedPhotoUrls } from '../../_shared/photos';
import { householdLabel } from '../../_shared/place-labels';
import { mayProxyIn, outsideScope } from '../../_shared/proxy';
import { offlineResidentId } from './offline-residents';
import { toConsent } from './proxy-consents';

export async function recordProxyConsent({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RecordProxyConsentInput;
}): Promise<ProxyConsent> {
  // The resident is known by id before anything is read: the bound resident named, or the
  // offline record's deterministic id; so they and their role join the caller's read.
  const residentId = input.residentId ?? offlineResidentId(input.householdId, input.residentName!);
  const $ = ctx.db.command.aggregate;
  const byId = (id: string) => $.pipeline().match({ _id: id }).limit(1);
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query
      .lookup({
        from: Collections.households,
        pipeline: byId(input.householdId)
          .lookup({ from: Collections.buildings, localField: 'buildingId', foreignField: '_id', as: '_building' })
          .lookup({ from: Collections.estates, localField: 'estateId', foreignField: '_id', as: '_estate' })
          .done(),
        as: '_household',
      })
      .lookup({ from: Collections.users, pipeline: byId(residentId).done(), as: '_resident' })
      .lookup({
        from: Collections.roles,
        pipeline: byId(roleId('resident', residentId, input.householdId)).done(),
        as: '_residentRole',
      }),
  );
  const user = actor.requireUser();
  const row = (
    joined?._household as Array<HouseholdDoc & { _building?: BuildingDoc[]; _estate?: EstateDoc[] }> | undefined
  )?.[0];
  if (!row || row.communityId !== input.communityId) {
    throw new AppError('NOT_FOUND', 'proxy.household-not-found', '找不到这户房屋');
  }
  const { _building, _estate, ...household } = row;
  const building = _building?.[0] ?? null;
  const estate = _estate?.[0] ?? null;
  const foundResident = (joined?._resident as UserDoc[] | undefined)?.[0] ?? null;
  const foundRole = (joined?._residentRole as RoleDoc[] | undefined)?.[0] ?? null;
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
    const found = foundResident;
    if (!found || !foundRole) {
      throw new AppError('VALIDATION', 'proxy.not-resident', '该居民没有绑定这户房屋', {
        residentId: '请重新选择居民',
      });
    }
    resident = found;
  } else {
    const name = input.residentName!;
    const id = residentId;
    resident = foundResident;
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
    if (!foundRole) {
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
