/**
 * 代办: a 网格员 / 网格长 of the resident's grid, or a leader of the resident's building, acts for
 * a resident who consented (docs/adr/0040-proxy-acts.md). The consent is a document
 * (`proxy_consents`); an act done for a resident is the ordinary verb with a `proxy` input, and
 * every document it writes carries the `ProxyStamp`.
 */
import { z } from 'zod';
import { AuditId, Id, IsoTime, Key, PersonName, Photo, Reason } from './common';
import { CONSENT_KINDS, PROXY_ACTS } from './labels/proxy';

export {
  PROXY_ACTS,
  proxyActLabels,
  CONSENT_KINDS,
  consentKindLabels,
  proxyMark,
  PROXY_ACT_ENTRIES,
  PROXY_REFUSE_ACTION,
} from './labels/proxy';

export const ProxyAct = z.enum(PROXY_ACTS);
export const ConsentKind = z.enum(CONSENT_KINDS);
export type ProxyAct = z.infer<typeof ProxyAct>;
export type ConsentKind = z.infer<typeof ConsentKind>;

/** The `proxy` input of a verb done for a resident: the consent it is done on. */
export const ProxyInput = z.object({ consentId: Id }).strict();
export type ProxyInput = z.infer<typeof ProxyInput>;

/** On every document an act writes for a resident, and on the views that show it. */
export const ProxyStamp = z.strictObject({ actorId: Id, actorName: z.string(), consentId: Id });
export type ProxyStamp = z.infer<typeof ProxyStamp>;

/**
 * Refusals every verb that takes a `proxy` input may give (spread into its declared refusals);
 * the checks are cloudfunctions/_shared/proxy.ts.
 */
export const proxyActRefusals = {
  'proxy.consent-not-found': 'NOT_FOUND',
  'proxy.consent-withdrawn': 'PRECONDITION_FAILED',
  'proxy.act-not-consented': 'FORBIDDEN',
  'proxy.written-consent-required': 'PRECONDITION_FAILED',
  'proxy.outside-scope': 'FORBIDDEN',
  'proxy.own-household': 'FORBIDDEN',
  'proxy.not-named-agent': 'FORBIDDEN',
} as const;

export const ProxyConsent = z.object({
  id: Id,
  communityId: Id,
  residentId: Id,
  residentName: z.string(),
  /** The resident has no WeChat account of their own (an offline resident, created by the proxy). */
  offline: z.boolean(),
  householdId: Id,
  householdLabel: z.string(),
  actorId: Id,
  actorName: z.string(),
  scope: z.array(ProxyAct),
  kind: ConsentKind,
  photo: Photo.nullable(),
  grantedAt: IsoTime,
  withdrawnAt: IsoTime.nullable(),
  withdrawnByName: z.string().nullable(),
  /** Withdrawn by an admin (拒绝/撤销) rather than by the resident or the proxy. */
  refused: z.boolean(),
  withdrawReason: z.string().nullable(),
});
export type ProxyConsent = z.infer<typeof ProxyConsent>;

export const RecordProxyConsentInput = z
  .object({
    communityId: Id,
    householdId: Id,
    /** A resident bound to the household; absent with `residentName` for a resident without WeChat. */
    residentId: Id.optional(),
    /** A resident without a WeChat account: their offline record is created (or found) by name. */
    residentName: PersonName.optional(),
    scope: z.array(ProxyAct).min(1, '请选择委托办理的事项').max(PROXY_ACTS.length),
    kind: ConsentKind,
    /** The photo of the signed 委托书 (required for a written consent). */
    photoFileId: z.string().trim().min(1).max(512).optional(),
  })
  .strict()
  .refine((v) => Boolean(v.residentId) !== Boolean(v.residentName), {
    message: '请选择居民，或填写没有微信的居民姓名',
    path: ['residentName'],
  });
export type RecordProxyConsentInput = z.infer<typeof RecordProxyConsentInput>;

export const WithdrawProxyConsentInput = z.object({ consentId: Id, reason: Reason.optional() }).strict();
export type WithdrawProxyConsentInput = z.infer<typeof WithdrawProxyConsentInput>;

export const FindProxyResidentInput = z
  .object({
    communityId: Id,
    buildingId: Id.optional(),
    room: z.string().trim().min(1, '请填写房号').max(20, '房号不超过20个字').optional(),
  })
  .strict();
export type FindProxyResidentInput = z.infer<typeof FindProxyResidentInput>;

export const ProxyResident = z.object({
  id: Id,
  name: z.string(),
  offline: z.boolean(),
  consents: z.array(ProxyConsent),
  /** Their wishes fulfilled and awaiting their confirmation (代办 may confirm and rate them). */
  toConfirm: z.array(z.object({ id: Id, title: z.string() })),
});
export type ProxyResident = z.infer<typeof ProxyResident>;

export const ProxyLookup = z.object({
  /** The buildings the caller may act in (their grid's, or the building they lead). */
  buildings: z.array(z.object({ id: Id, name: z.string(), estateName: z.string() })),
  /** The household at `buildingId` + `room` with its residents, when both were given and it exists. */
  household: z.object({ id: Id, label: z.string(), residents: z.array(ProxyResident) }).nullable(),
});
export type ProxyLookup = z.infer<typeof ProxyLookup>;

export const MyProxyConsentsInput = z.object({}).strict();
export type MyProxyConsentsInput = z.infer<typeof MyProxyConsentsInput>;
/** One 代办 record of the caller: an act done (or a consent recorded / withdrawn) for them, as audited. */
export const ProxyActRecord = z.object({
  id: Key,
  action: z.string(),
  /** "陈志强 代办了发布心愿：为 孙桂芳（…）…" — never a ballot's choice. */
  sentence: z.string(),
  /** "由陈志强代办" for an act; null for a consent recorded or withdrawn. */
  mark: z.string().nullable(),
  at: IsoTime,
});
export type ProxyActRecord = z.infer<typeof ProxyActRecord>;
export const MyProxyConsents = z.object({
  items: z.array(ProxyConsent),
  /** 代办记录: what was done for the caller, newest first (at most 50). */
  acts: z.array(ProxyActRecord),
});
export type MyProxyConsents = z.infer<typeof MyProxyConsents>;

/**
 * An admin refuses ONE 代办 act already done (docs/adr/0044-refusing-a-proxy-act.md): the act is
 * named by its audit entry (`audit-proxy.<act>:<target>`), which every act writes with itself.
 */
export const RefuseProxyActInput = z.object({ auditId: AuditId, reason: Reason }).strict();
export type RefuseProxyActInput = z.infer<typeof RefuseProxyActInput>;

export const RefusedProxyAct = z.object({
  /** The act's audit entry. */
  auditId: AuditId,
  act: ProxyAct,
  /** The refusal's own audit entry (`audit-proxy.refuseAct:<auditId>`). */
  refusalId: AuditId,
  refusedAt: IsoTime,
  /** What the refusal did, in Chinese ("选票已作废，该户可重新投票"). */
  outcome: z.string(),
});
export type RefusedProxyAct = z.infer<typeof RefusedProxyAct>;

/** Refusals every `refuseProxyAct` may give (spread into its declared refusals); the checks are _shared/proxy-refusal.ts. */
export const refuseProxyActRefusals = {
  'proxy.act-not-found': 'NOT_FOUND',
  'auth.not-admin': 'FORBIDDEN',
  'proxy.not-proxy-act': 'PRECONDITION_FAILED',
  'proxy.act-already-refused': 'CONFLICT',
  'proxy.act-gone': 'PRECONDITION_FAILED',
} as const;
