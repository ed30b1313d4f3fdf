/**
 * The `wish` area (微心愿): a resident posts a small, concrete wish; a leader or admin reviews
 * it; a Party member (or a work unit for its members) claims and fulfils it; the resident
 * confirms and rates, and the claimer's points are credited then. Every state change goes
 * through one table of allowed moves with a conditional write.
 */
import { z } from 'zod';
import { WISH_CATEGORIES, WISH_STATES } from './labels/wish';
import { DateInput, Id, IsoTime, PageInput, Paged, Photo, Reason, pageRefusals } from './common';
import { ClearHoldResult, HeldField, HeldPage, HeldTextsInput, HoldDecision } from './moderation';
import { ProxyInput, proxyActRefusals, RefusedProxyAct, RefuseProxyActInput, refuseProxyActRefusals } from './proxy';

// The values and labels live in a zod-free module the app imports (docs/adr/0021).
export { wishCategoryLabels, wishStateLabels } from './labels/wish';

export const WishCategory = z.enum(WISH_CATEGORIES);
export type WishCategory = z.infer<typeof WishCategory>;

export const WishState = z.enum(WISH_STATES);
export type WishState = z.infer<typeof WishState>;

export { Photo };

/** A wish as the public wall shows it: masked name, estate only — never room or phone. */
export const WishCard = z.object({
  id: Id,
  communityId: Id,
  category: WishCategory,
  title: z.string(),
  content: z.string(),
  photos: z.array(Photo),
  wantedBy: z.string().describe('YYYY-MM-DD, Asia/Shanghai'),
  state: WishState,
  /** "张*" */
  posterName: z.string(),
  estateName: z.string(),
  /** Masked claimer name, or a work unit's name when a unit claimed. */
  claimerName: z.string().nullable(),
  createdAt: IsoTime,
  /** Some of its text awaits manual review (待人工审核); others see a placeholder for it. */
  held: z.boolean(),
  /** The proxy who posted the wish for the poster (代办), else null: everyone who sees the wish sees "由…代办". */
  proxyName: z.string().nullable(),
});
export type WishCard = z.infer<typeof WishCard>;

export const TimelineEntry = z.object({
  at: IsoTime,
  from: WishState.nullable(),
  to: WishState,
  /** Masked except for the wish's poster, its claimer and admins. */
  byName: z.string(),
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const WishDetail = WishCard.extend({
  /** Full name for the poster, the claimer (while claimed/fulfilled), reviewers and admins; masked otherwise. */
  posterName: z.string(),
  /** Room and phone: only for the poster, admins, and the claimer while the claim stands. */
  contact: z.object({ householdLabel: z.string(), phone: z.string().nullable() }).nullable(),
  claimedAt: IsoTime.nullable(),
  fulfilment: z.object({ note: z.string(), photos: z.array(Photo), at: IsoTime }).nullable(),
  confirmation: z
    .object({
      rating: z.number().int(),
      thanks: z.string().nullable(),
      at: IsoTime,
      /** The proxy who confirmed for the poster (代办), else null. */
      proxyName: z.string().nullable(),
    })
    .nullable(),
  rejectReason: z.string().nullable(),
  timeline: z.array(TimelineEntry),
  /** What the caller may do now, e.g. ['claim'] — the UI shows only these buttons. */
  allowed: z.array(z.enum(['review', 'withdraw', 'claim', 'release', 'revoke', 'fulfil', 'confirm'])),
  /** The held fields the caller may read (their own texts; all of them for reviewers): shown "待人工审核". */
  heldFields: z.array(HeldField),
});
export type WishDetail = z.infer<typeof WishDetail>;

const FileId = z.string().regex(/^cloud:\/\/[^\s]+$/, '图片地址不正确');
const Photos = z.array(FileId).max(3, '最多上传3张图片').default([]);

export const PostWishInput = z
  .object({
    communityId: Id,
    /** Which of the poster's households (they may be bound to several); default: the first. */
    householdId: Id.optional(),
    /** 代办: posted for the resident of this consent (the household is then the consent's). */
    proxy: ProxyInput.optional(),
    category: WishCategory,
    title: z.string().trim().min(2, '请填写心愿标题（至少2个字）').max(30, '标题不超过30个字'),
    content: z.string().trim().min(5, '请描述您的心愿（至少5个字）').max(500, '描述不超过500个字'),
    photos: Photos,
    wantedBy: DateInput('期望日期', 'day'),
  })
  .strict();
export type PostWishInput = z.infer<typeof PostWishInput>;

export const WishIdInput = z.object({ wishId: Id }).strict();
export type WishIdInput = z.infer<typeof WishIdInput>;

export const ReviewWishInput = z.discriminatedUnion('decision', [
  z.object({ wishId: Id, decision: z.literal('publish') }).strict(),
  z.object({ wishId: Id, decision: z.literal('reject'), reason: Reason }).strict(),
]);
export type ReviewWishInput = z.infer<typeof ReviewWishInput>;

export const ClaimWishInput = z
  .object({
    wishId: Id,
    /** A liaison claiming for their work unit (the unit's members then carry it out). */
    onBehalfOfWorkUnitId: Id.optional(),
  })
  .strict();
export type ClaimWishInput = z.infer<typeof ClaimWishInput>;

export const ReasonedWishInput = z.object({ wishId: Id, reason: Reason }).strict();
export type ReasonedWishInput = z.infer<typeof ReasonedWishInput>;

export const FulfilWishInput = z
  .object({
    wishId: Id,
    note: z.string().trim().min(5, '请写下完成情况（至少5个字）').max(500, '不超过500个字'),
    photos: Photos,
  })
  .strict();
export type FulfilWishInput = z.infer<typeof FulfilWishInput>;

export const ConfirmWishInput = z
  .object({
    wishId: Id,
    rating: z.number().int('评分为1到5的整数').min(1, '请选择评分').max(5, '评分为1到5'),
    thanks: z.string().trim().max(200, '感谢的话不超过200个字').optional(),
    /** 代办: confirmed for the poster on this consent. */
    proxy: ProxyInput.optional(),
  })
  .strict();
export type ConfirmWishInput = z.infer<typeof ConfirmWishInput>;

export const WallInput = PageInput.extend({
  communityId: Id,
  category: WishCategory.optional(),
  estateId: Id.optional(),
}).strict();
export type WallInput = z.infer<typeof WallInput>;
export const WishPage = Paged(WishCard);
export type WishPage = z.infer<typeof WishPage>;

export const MyWishesInput = PageInput.extend({ as: z.enum(['poster', 'claimer']) }).strict();
export type MyWishesInput = z.infer<typeof MyWishesInput>;

export const ClearWishHoldInput = z
  .object({
    wishId: Id,
    /** One held field (as listed); all of the wish's held texts when absent. */
    field: z.string().trim().min(1).max(80).optional(),
    decision: HoldDecision,
  })
  .strict();
export type ClearWishHoldInput = z.infer<typeof ClearWishHoldInput>;

export const ReviewQueueInput = PageInput.extend({ communityId: Id }).strict();
export type ReviewQueueInput = z.infer<typeof ReviewQueueInput>;

/** What every move of a wish may be refused with (access, content check, the move itself). */
const wishMoveRefusals = {
  'content.unsafe': 'VALIDATION',
  'wish.changed': 'PRECONDITION_FAILED',
  'wish.illegal-move': 'PRECONDITION_FAILED',
  'wish.no-profile': 'FORBIDDEN',
  'wish.not-found': 'NOT_FOUND',
  'wish.out-of-scope': 'FORBIDDEN',
} as const;

export const wishActions = {
  post: {
    summary: 'A resident of the community posts a wish (text checked for safety, up to 3 photos); it awaits review.',
    input: PostWishInput,
    result: WishDetail,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'wish.bad-date': 'VALIDATION',
      'wish.not-resident': 'FORBIDDEN',
      'wish.not-your-household': 'VALIDATION',
      'wish.photo-duplicate': 'VALIDATION',
      'wish.photo-foreign': 'VALIDATION',
      'wish.photo-missing': 'VALIDATION',
      ...proxyActRefusals,
    },
  },
  review: {
    summary: "The building's leader or an admin publishes a submitted wish or rejects it with a reason.",
    input: ReviewWishInput,
    result: WishDetail,
    refusals: {
      ...wishMoveRefusals,
      'wish.not-reviewer': 'FORBIDDEN',
      'wish.text-held': 'PRECONDITION_FAILED',
    },
  },
  withdraw: {
    summary: 'The poster withdraws their wish before it is claimed.',
    input: WishIdInput,
    result: WishDetail,
    refusals: {
      'wish.changed': 'PRECONDITION_FAILED',
      'wish.illegal-move': 'PRECONDITION_FAILED',
      'wish.no-profile': 'FORBIDDEN',
      'wish.not-found': 'NOT_FOUND',
      'wish.not-poster': 'FORBIDDEN',
      'wish.out-of-scope': 'FORBIDDEN',
    },
  },
  claim: {
    summary:
      'A Party member of the community (or a liaison for their unit) claims a published wish; exactly one claimer wins.',
    input: ClaimWishInput,
    result: WishDetail,
    refusals: {
      'wish.already-claimed': 'CONFLICT',
      'wish.changed': 'PRECONDITION_FAILED',
      'wish.illegal-move': 'PRECONDITION_FAILED',
      'wish.no-profile': 'FORBIDDEN',
      'wish.not-claimant': 'FORBIDDEN',
      'wish.not-found': 'NOT_FOUND',
      'wish.out-of-scope': 'FORBIDDEN',
      'wish.unit-not-found': 'NOT_FOUND',
    },
  },
  release: {
    summary:
      'The claimer gives the wish back with a reason; it is published again and the contact details are hidden again.',
    input: ReasonedWishInput,
    result: WishDetail,
    refusals: {
      ...wishMoveRefusals,
      'wish.not-claimer': 'FORBIDDEN',
    },
  },
  revokeClaim: {
    summary: 'An admin revokes a claim with a reason; the claimer is told; the wish is published again. Audited.',
    input: ReasonedWishInput,
    result: WishDetail,
    refusals: {
      ...wishMoveRefusals,
      'wish.not-admin': 'FORBIDDEN',
    },
  },
  fulfil: {
    summary: 'The claimer marks the wish fulfilled with a note and photos (checked for safety).',
    input: FulfilWishInput,
    result: WishDetail,
    refusals: {
      ...wishMoveRefusals,
      'wish.not-claimer': 'FORBIDDEN',
      'wish.photo-duplicate': 'VALIDATION',
      'wish.photo-foreign': 'VALIDATION',
      'wish.photo-missing': 'VALIDATION',
    },
  },
  confirm: {
    summary: "The poster confirms, rates 1–5 and may thank; the claimer's points are credited once.",
    input: ConfirmWishInput,
    result: WishDetail,
    refusals: {
      ...wishMoveRefusals,
      'wish.not-poster': 'FORBIDDEN',
      ...proxyActRefusals,
    },
  },
  get: {
    summary:
      'A wish with its timeline; contact details only for those who need them; `allowed` lists the moves the caller may make.',
    input: WishIdInput,
    result: WishDetail,
    refusals: {
      'wish.not-found': 'NOT_FOUND',
      'wish.out-of-scope': 'FORBIDDEN',
    },
  },
  wall: {
    summary: "The community's public wall of published wishes (masked names, estate only), newest first, filterable.",
    input: WallInput,
    result: WishPage,
    refusals: {
      ...pageRefusals,
      'wish.not-in-community': 'FORBIDDEN',
    },
  },
  mine: {
    summary: 'The caller’s wishes as poster, or their claims as claimer, newest first.',
    input: MyWishesInput,
    result: WishPage,
    refusals: { ...pageRefusals },
  },
  heldTexts: {
    summary:
      'Wishes with text held for manual review (待人工审核) in the caller’s scope (their buildings, or the whole community for admins), oldest first; the caller’s own texts are left out.',
    input: HeldTextsInput,
    result: HeldPage,
    refusals: {
      ...pageRefusals,
      'wish.not-reviewer': 'FORBIDDEN',
    },
  },
  clearHold: {
    summary:
      'A reviewer of the wish clears held text: pass keeps it, reject replaces it and tells its author. Conditional, idempotent, audited.',
    input: ClearWishHoldInput,
    result: ClearHoldResult,
    refusals: {
      'wish.hold-changed': 'PRECONDITION_FAILED',
      'wish.not-found': 'NOT_FOUND',
      'wish.not-reviewer': 'FORBIDDEN',
      'wish.own-hold': 'FORBIDDEN',
    },
  },
  reviewQueue: {
    summary:
      'Submitted wishes awaiting review in the caller’s scope (their buildings, or the whole community for admins), oldest first.',
    input: ReviewQueueInput,
    result: WishPage,
    refusals: {
      ...pageRefusals,
      'wish.not-reviewer': 'FORBIDDEN',
    },
  },
  refuseProxyAct: {
    summary:
      'An admin of the community refuses one 代办 act of this area, named by its audit entry: a wish a proxy posted is withdrawn (the table’s refuseProxy move, only before anyone claimed it); a proxy confirmation is final (refused). Audited, the resident and the proxy told, in the move’s transaction.',
    input: RefuseProxyActInput,
    result: RefusedProxyAct,
    refusals: {
      ...refuseProxyActRefusals,
      'proxy.confirmation-final': 'PRECONDITION_FAILED',
      'wish.illegal-move': 'PRECONDITION_FAILED',
      'wish.changed': 'PRECONDITION_FAILED',
      'wish.not-found': 'NOT_FOUND',
    },
  },
} as const;
