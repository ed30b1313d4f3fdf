/**
 * The `account` area: people, their scoped roles, joining a household, and the audit log.
 * Identity always comes from the cloud context (the WeChat OPENID of the call), never from
 * the request body. Permissions are decided on the server from roles and their scope.
 */
import { z } from 'zod';
import { ROLE_KINDS, MEMBER_TYPES, BINDING_STATUSES, RELATIONS } from './labels/account';
import { AuditId, DateInput, Id, IsoTime, PageInput, Paged, PersonName, Phone, Reason, pageRefusals } from './common';
import { CouncilKind } from './org';
import { AUDIT_KINDS } from './labels/audit';
import {
  FindProxyResidentInput,
  MyProxyConsents,
  MyProxyConsentsInput,
  ProxyConsent,
  ProxyLookup,
  RecordProxyConsentInput,
  WithdrawProxyConsentInput,
} from './proxy';

// The values and labels live in a zod-free module the app imports (docs/adr/0021).
export { roleKindLabels, memberTypeLabels, bindingStatusLabels, relationLabels } from './labels/account';

export const RoleKind = z.enum(ROLE_KINDS);
export type RoleKind = z.infer<typeof RoleKind>;

export const MemberType = z.enum(MEMBER_TYPES);
export type MemberType = z.infer<typeof MemberType>;

export const CouncilPosition = z.enum(['chair', 'member']);
export type CouncilPosition = z.infer<typeof CouncilPosition>;

/**
 * A role with its scope. Which scope fields are set depends on the kind:
 * resident → householdId (+ its building, estate); member → memberType (+ workUnitId when in
 * office); building_leader → buildingId; estate_leader → estateId; council_member → councilId,
 * councilKind, position (+ dualPost); admin → the community; liaison → workUnitId; street_viewer →
 * streetId (reads that street's dashboards, read-only; granted and revoked only by a street admin
 * of that street); street_admin → streetId (街道管理员: created only by the platform's
 * provisioning, never through grantRole; grants and revokes the street's viewers); grid_worker
 * (网格员) and grid_leader (网格长, a Party member) → gridId.
 * Every role has communityId — for a street_viewer or street_admin, its "home" community in the
 * street, where the role is listed and audited.
 */
export const Role = z.object({
  id: Id,
  userId: Id,
  kind: RoleKind,
  communityId: Id,
  estateId: Id.nullable(),
  buildingId: Id.nullable(),
  householdId: Id.nullable(),
  councilId: Id.nullable(),
  councilKind: CouncilKind.nullable(),
  position: CouncilPosition.nullable(),
  workUnitId: Id.nullable(),
  memberType: MemberType.nullable(),
  streetId: Id.nullable(),
  /** grid_worker (网格员) / grid_leader (网格长): the 网格 they look after. */
  gridId: Id.nullable(),
  /**
   * An owners' committee chair appointed as a 支部书记+业委会主任 一肩挑 dual post (the person was
   * an estate's Party branch secretary when granted): may sign the 联审 for both the Party branch
   * and the owners' committee. false for every other role.
   */
  dualPost: z.boolean(),
  /** A human description of the scope, e.g. "幸福里 · 3号楼 · 2-301". */
  scopeLabel: z.string(),
  grantedAt: IsoTime,
});
export type Role = z.infer<typeof Role>;

export const Profile = z.object({
  id: Id,
  name: z.string(),
  /** In full for the person themself and their community's admins; masked (138****0001) otherwise. */
  phone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  /**
   * Whether the person says they are a member of the Communist Party of China (政治面貌: 中共党员),
   * or holds a Party member role; only then may they file a 党员报到 (checkin.registerMember).
   */
  partyMember: z.boolean(),
});
export type Profile = z.infer<typeof Profile>;

export const BindingStatus = z.enum(BINDING_STATUSES);
export type BindingStatus = z.infer<typeof BindingStatus>;

export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

export const BindingRequest = z.object({
  id: Id,
  userId: Id,
  /** Masked (张*) except for the person themself, admins and the building's leaders. */
  userName: z.string(),
  /** In full only for admins of the community and the person themself; otherwise masked. */
  userPhone: z.string().nullable(),
  communityId: Id,
  estateId: Id,
  buildingId: Id,
  householdId: Id,
  /** "幸福里 · 3号楼 · 2-301" */
  householdLabel: z.string(),
  relation: Relation,
  status: BindingStatus,
  reason: z.string().nullable().describe('why it was rejected'),
  decidedByName: z.string().nullable(),
  createdAt: IsoTime,
  decidedAt: IsoTime.nullable(),
  /**
   * The person says they are the resident without WeChat a 代办 proxy recorded at this household
   * under their name (docs/adr/0040-proxy-acts.md): approving the request makes that record theirs.
   */
  claimsOffline: z.boolean(),
});
export type BindingRequest = z.infer<typeof BindingRequest>;

// ---- actions --------------------------------------------------------------------------------

export const MeInput = z.object({}).strict();
export type MeInput = z.infer<typeof MeInput>;
export const MeResult = z.object({
  /** false when this WeChat user has no profile yet (first visit). */
  registered: z.boolean(),
  profile: Profile.nullable(),
  roles: z.array(Role),
  /** The person's binding requests, newest first (at most 10). */
  bindings: z.array(BindingRequest),
});
export type MeResult = z.infer<typeof MeResult>;

export const SaveProfileInput = z
  .object({
    name: PersonName,
    phone: Phone,
    avatarUrl: z.string().url('头像地址不正确').max(500).nullable().default(null),
    /** 政治面貌: true for 中共党员; absent leaves the stored answer unchanged. */
    partyMember: z.boolean().optional(),
  })
  .strict();
export type SaveProfileInput = z.infer<typeof SaveProfileInput>;

export const RequestBindingInput = z
  .object({
    householdId: Id,
    relation: Relation,
    /**
     * 认领代办记录: the caller is the resident without WeChat a 代办 proxy recorded at this
     * household under the caller's profile name; once approved, that record (its wishes,
     * sign-ups, opinions, points, consents, messages) is the caller's.
     */
    claimOffline: z.boolean().optional(),
  })
  .strict();
export type RequestBindingInput = z.infer<typeof RequestBindingInput>;

export const WithdrawBindingInput = z.object({ requestId: Id }).strict();
export type WithdrawBindingInput = z.infer<typeof WithdrawBindingInput>;

export const ListBindingRequestsInput = PageInput.extend({
  communityId: Id,
  status: BindingStatus.optional(),
}).strict();
export type ListBindingRequestsInput = z.infer<typeof ListBindingRequestsInput>;
export const BindingRequestPage = Paged(BindingRequest);
export type BindingRequestPage = z.infer<typeof BindingRequestPage>;

export const DecideBindingInput = z.discriminatedUnion('decision', [
  z.object({ requestId: Id, decision: z.literal('approve') }).strict(),
  z.object({ requestId: Id, decision: z.literal('reject'), reason: Reason }).strict(),
]);
export type DecideBindingInput = z.infer<typeof DecideBindingInput>;

/** A person as a list shows them to an admin or leader. */
export const PersonSummary = z.object({
  id: Id,
  name: z.string(),
  /** In full for the community's admins; masked for everyone else. */
  phone: z.string().nullable(),
  roles: z.array(Role),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const ListPeopleInput = PageInput.extend({
  communityId: Id,
  /** Filter by name (contains). */
  query: z.string().trim().max(20).optional(),
  roleKind: RoleKind.optional(),
}).strict();
export type ListPeopleInput = z.infer<typeof ListPeopleInput>;
export const PersonPage = Paged(PersonSummary);
export type PersonPage = z.infer<typeof PersonPage>;

export const GrantRoleInput = z
  .object({
    userId: Id,
    communityId: Id,
    /** street_viewer: always for the street of `communityId` (no street is given). */
    kind: z.enum([
      'member',
      'building_leader',
      'estate_leader',
      'council_member',
      'admin',
      'street_viewer',
      'grid_worker',
      'grid_leader',
    ]),
    /** grid_worker, grid_leader */
    gridId: Id.optional(),
    /** building_leader */
    buildingId: Id.optional(),
    /** estate_leader */
    estateId: Id.optional(),
    /** council_member */
    councilId: Id.optional(),
    position: CouncilPosition.optional(),
    /** member */
    memberType: MemberType.optional(),
    workUnitId: Id.optional(),
    /**
     * council_member chair of the owners' committee only: appointed as a 支部书记+业委会主任
     * 一肩挑 dual post; the person must then hold an estate's Party branch secretary role.
     */
    dualPost: z.literal(true, { message: '一肩挑只能勾选为“是”' }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const need = (field: keyof typeof v, message: string) => {
      if (v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (v.kind === 'building_leader') need('buildingId', '请选择楼栋');
    if (v.kind === 'estate_leader') need('estateId', '请选择小区');
    if (v.kind === 'grid_worker' || v.kind === 'grid_leader') need('gridId', '请选择网格');
    if (v.kind === 'council_member') {
      need('councilId', '请选择三会组织');
      need('position', '请选择职务');
    }
    if (v.dualPost && (v.kind !== 'council_member' || v.position !== 'chair')) {
      ctx.addIssue({ code: 'custom', path: ['dualPost'], message: '一肩挑只适用于业委会主任' });
    }
    if (v.kind === 'member') {
      need('memberType', '请选择党员类别');
      if (v.memberType === 'in_office') need('workUnitId', '在职党员请选择报到单位');
    }
  });
export type GrantRoleInput = z.infer<typeof GrantRoleInput>;

export const RevokeRoleInput = z.object({ roleId: Id, reason: Reason }).strict();
export type RevokeRoleInput = z.infer<typeof RevokeRoleInput>;

export const AuditEntry = z.object({
  id: AuditId,
  communityId: Id,
  actorId: Id.nullable(),
  actorName: z.string(),
  /** The action that made the change, e.g. "account.decideBinding". */
  action: z.string(),
  targetKind: z.string(),
  /** A 代办 sign-up's names the activity, the resident and the seq: longer than an id. */
  targetId: AuditId,
  /** A one-line Chinese summary, e.g. "通过 张秀英 绑定 幸福里·1号楼·101 的申请". */
  summary: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  at: IsoTime,
  /** A 代办 act's entry an admin refused (docs/adr/0044-refusing-a-proxy-act.md); false for every other entry. */
  refused: z.boolean(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ListAuditInput = PageInput.extend({
  communityId: Id,
  targetKind: z.string().max(40).optional(),
  /** Only the entries this person made. */
  actorId: Id.optional(),
  /** Only the entries of this kind (types/labels/audit.ts: its actions). */
  kind: z.enum(AUDIT_KINDS).optional(),
  /** Asia/Shanghai calendar days, inclusive. */
  from: DateInput('开始日期', 'day').optional(),
  to: DateInput('结束日期', 'day').optional(),
}).strict();
export type ListAuditInput = z.infer<typeof ListAuditInput>;
export const AuditPage = Paged(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

export const accountActions = {
  me: {
    summary: "The caller's own profile, roles and binding requests; registered=false on a first visit.",
    input: MeInput,
    result: MeResult,
    refusals: {},
  },
  saveProfile: {
    summary: "Creates the caller's profile on a first visit, or updates name, phone and avatar.",
    input: SaveProfileInput,
    result: Profile,
    refusals: {},
  },
  requestBinding: {
    summary:
      'Asks to be bound to a household as owner, family member or tenant; one open request per household. With claimOffline, also claims the 代办 record of a resident without WeChat recorded there under the caller’s name.',
    input: RequestBindingInput,
    result: BindingRequest,
    refusals: {
      'binding.already-bound': 'PRECONDITION_FAILED',
      'binding.already-pending': 'CONFLICT',
      'binding.no-offline-record': 'VALIDATION',
      'binding.claim-has-history': 'PRECONDITION_FAILED',
      'household.not-found': 'NOT_FOUND',
    },
  },
  withdrawBinding: {
    summary: "Withdraws the caller's own pending binding request.",
    input: WithdrawBindingInput,
    result: BindingRequest,
    refusals: {
      'binding.not-found': 'NOT_FOUND',
      'binding.not-pending': 'PRECONDITION_FAILED',
      'binding.not-yours': 'FORBIDDEN',
    },
  },
  listBindingRequests: {
    summary: "Binding requests of a community, newest first: admins see all, building leaders their buildings' only.",
    input: ListBindingRequestsInput,
    result: BindingRequestPage,
    refusals: {
      ...pageRefusals,
      'binding.not-reviewer': 'FORBIDDEN',
    },
  },
  decideBinding: {
    summary:
      'Approves (grants the resident role; for a claim, makes the offline 代办 record the applicant’s) or rejects with a reason a pending request. Admins or the building leader; audited.',
    input: DecideBindingInput,
    result: BindingRequest,
    refusals: {
      'binding.claim-taken': 'PRECONDITION_FAILED',
      'binding.applicant-joined': 'PRECONDITION_FAILED',
      'binding.claim-has-history': 'PRECONDITION_FAILED',
      'binding.self-decide': 'FORBIDDEN',
      'auth.no-role': 'FORBIDDEN',
      'binding.not-decider': 'FORBIDDEN',
      'binding.not-found': 'NOT_FOUND',
      'binding.not-pending': 'PRECONDITION_FAILED',
      'household.not-found': 'NOT_FOUND',
    },
  },
  listPeople: {
    summary:
      "People with a role in a community and their roles. Admins see phones in full; leaders see their buildings' residents, masked.",
    input: ListPeopleInput,
    result: PersonPage,
    refusals: {
      ...pageRefusals,
      'people.not-allowed': 'FORBIDDEN',
    },
  },
  grantRole: {
    summary:
      "Grants a scoped role (member, leader, council member — an owners' committee chair optionally as a dual post —, admin) as an admin of the community, or a street viewer of the community's street as a street admin of that street. Never to oneself; audited.",
    input: GrantRoleInput,
    result: Role,
    refusals: {
      'role.dual-post-needs-estate-leader': 'PRECONDITION_FAILED',
      'role.dual-post-owners-chair-only': 'PRECONDITION_FAILED',
      'role.grid-leader-not-party-member': 'PRECONDITION_FAILED',
      'role.other-street': 'FORBIDDEN',
      'role.self-grant': 'FORBIDDEN',
      'role.street-level-only': 'FORBIDDEN',
      'auth.not-admin': 'FORBIDDEN',
      'role.already-granted': 'CONFLICT',
      'scope.foreign': 'FORBIDDEN',
      'scope.not-found': 'NOT_FOUND',
      'user.not-found': 'NOT_FOUND',
    },
  },
  revokeRole: {
    summary:
      "Revokes a role with a reason: an admin of the role's community, a street viewer's by a street admin of its street. An admin cannot revoke their own admin role; the powers that came with the role end at once, and the audit entry says what passed to the community's admins.",
    input: RevokeRoleInput,
    result: Role,
    refusals: {
      'role.other-street': 'FORBIDDEN',
      'role.platform-only': 'FORBIDDEN',
      'role.street-level-only': 'FORBIDDEN',
      'auth.not-admin': 'FORBIDDEN',
      'role.liaison-via-work-unit': 'PRECONDITION_FAILED',
      'role.not-found': 'NOT_FOUND',
      'role.self-admin': 'PRECONDITION_FAILED',
    },
  },
  listAudit: {
    summary: "The community's audit log, newest first, filtered by person, kind and Asia/Shanghai days. Admins only.",
    input: ListAuditInput,
    result: AuditPage,
    refusals: {
      ...pageRefusals,
      'auth.not-admin': 'FORBIDDEN',
    },
  },
  findProxyResident: {
    summary:
      '代办: the buildings the caller may act in (their grid, or the building they lead) and, by building and room, the household with its residents and their consents.',
    input: FindProxyResidentInput,
    result: ProxyLookup,
    refusals: {
      'proxy.outside-scope': 'FORBIDDEN',
    },
  },
  recordProxyConsent: {
    summary:
      "代办: a grid worker / grid leader of the household's grid or its building leader records a resident's consent (verbal, or written with the signed 委托书's photo); a resident without WeChat gets an offline record.",
    input: RecordProxyConsentInput,
    result: ProxyConsent,
    refusals: {
      'proxy.household-not-found': 'NOT_FOUND',
      'proxy.not-resident': 'VALIDATION',
      'proxy.outside-scope': 'FORBIDDEN',
      'proxy.own-household': 'FORBIDDEN',
      'proxy.photo-required': 'VALIDATION',
      'proxy.photo-foreign': 'VALIDATION',
      'proxy.photo-missing': 'VALIDATION',
    },
  },
  myProxyConsents: {
    summary: "代办: the caller's own consents (as the resident), newest first, so they can read and withdraw them.",
    input: MyProxyConsentsInput,
    result: MyProxyConsents,
    refusals: {},
  },
  withdrawProxyConsent: {
    summary:
      '代办: the resident, the proxy who recorded it, or an admin (a refusal) withdraws a consent; no act is done on it afterwards.',
    input: WithdrawProxyConsentInput,
    result: ProxyConsent,
    refusals: {
      'proxy.consent-not-found': 'NOT_FOUND',
      'proxy.consent-withdrawn': 'PRECONDITION_FAILED',
      'proxy.not-withdrawer': 'FORBIDDEN',
    },
  },
} as const;
