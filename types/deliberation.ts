/**
 * The `deliberation` area (小区六步议事法): a topic (议题) in the scope of an estate or building
 * moves strictly through 意见收集 → 联审 → 决议 → 公示 → 执行 → 评估 → 归档, or is ended (终止) with a
 * reason at any step. One transition table; each move is a conditional write by an authorised
 * person and appends to the topic's history.
 */
import { z } from 'zod';
import { ClearHoldResult, HeldField, HeldKind, HeldPage, HeldTextsInput, HoldDecision } from './moderation';
import { STEPS, REVIEW_BODIES, VERDICTS, VOTE_RULES, CHOICES } from './labels/deliberation';
import { DateInput, Id, IsoTime, PageInput, Paged, Photo, Reason, pageRefusals } from './common';
import { ReconcileInput, ReconcileReport } from './reconcile';
import { ProxyInput, proxyActRefusals, RefusedProxyAct, RefuseProxyActInput, refuseProxyActRefusals } from './proxy';

// The values and labels live in a zod-free module the app imports (docs/adr/0021).
export {
  stepLabels,
  reviewBodyLabels,
  verdictLabels,
  voteRuleLabels,
  choiceLabels,
  SIX_STEPS,
  PERIOD_DAYS,
} from './labels/deliberation';

export const Step = z.enum(STEPS);
export type Step = z.infer<typeof Step>;

/** The bodies that review a proposal: the estate's Party branch and the three councils. */
export const ReviewBody = z.enum(REVIEW_BODIES);
export type ReviewBody = z.infer<typeof ReviewBody>;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

/**
 * The counting rule, chosen when voting opens:
 * - simple: participation ≥ 1/2 of eligible households; agree > 1/2 of ballots cast;
 * - civil_ordinary (民法典第二百七十八条): participation ≥ 2/3 of households AND ≥ 2/3 of floor
 *   area; agree > 1/2 of participating households AND of participating area;
 * - civil_major (维修资金、改建重建、改变共有部分用途): same participation; agree ≥ 3/4 of
 *   participating households AND of participating area.
 */
export const VoteRule = z.enum(VOTE_RULES);
export type VoteRule = z.infer<typeof VoteRule>;
export const Choice = z.enum(CHOICES);
export type Choice = z.infer<typeof Choice>;

export const Tally = z.object({
  rule: VoteRule,
  eligibleHouseholds: z.number().int(),
  eligibleArea: z.number(),
  votedHouseholds: z.number().int(),
  votedArea: z.number(),
  agreeHouseholds: z.number().int(),
  agreeArea: z.number(),
  opposeHouseholds: z.number().int(),
  abstainHouseholds: z.number().int(),
  participationMet: z.boolean(),
  approvalMet: z.boolean(),
  passed: z.boolean(),
  /** A Chinese explanation, e.g. "参与户数 30/40（75.0%）…". */
  explanation: z.string(),
  computedAt: IsoTime,
});
export type Tally = z.infer<typeof Tally>;

export const Turnout = z.object({
  eligibleHouseholds: z.number().int(),
  eligibleArea: z.number(),
  votedHouseholds: z.number().int(),
  votedArea: z.number(),
  /** Whether the caller's household has voted (never what it chose). */
  myHouseholdVoted: z.boolean(),
  closesAt: IsoTime,
  /**
   * The ballots a proxy cast for a household (代办), for the topic's leaders and admins only:
   * which household (room), who acted and when — never the choice. Absent for everyone else.
   */
  proxyBallots: z
    .array(z.object({ householdId: Id, room: z.string(), proxyName: z.string(), castAt: IsoTime }))
    .optional(),
});
export type Turnout = z.infer<typeof Turnout>;

export const HistoryEntry = z.object({
  at: IsoTime,
  byName: z.string(),
  from: Step.nullable(),
  to: Step,
  note: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Opinion = z.object({
  id: Id,
  topicId: Id,
  /** Masked (张*) for everyone but the author, the topic's leaders and admins. */
  authorName: z.string(),
  text: z.string(),
  photos: z.array(Photo),
  supportCount: z.number().int(),
  supportedByMe: z.boolean(),
  createdAt: IsoTime,
  /** The proxy who posted it for the author (代办), else null: shown as "由…代办". */
  proxyName: z.string().nullable(),
  /** Its text awaits manual review (待人工审核): only its author and the topic's leaders read it. */
  held: z.boolean(),
});
export type Opinion = z.infer<typeof Opinion>;

export const Proposal = z.object({
  version: z.number().int(),
  text: z.string(),
  answersOpinionIds: z.array(Id),
  draftedAt: IsoTime,
  reviews: z.array(
    z.object({
      body: ReviewBody,
      verdict: Verdict,
      comment: z.string(),
      byName: z.string(),
      at: IsoTime,
      /** Signed under a 支部书记+业委会主任 一肩挑 dual post (the same person signed both bodies). */
      dualPost: z.boolean(),
    }),
  ),
  /** null while reviews are missing; true/false once all four bodies have spoken. */
  passed: z.boolean().nullable(),
});
export type Proposal = z.infer<typeof Proposal>;

export const Objection = z.object({
  id: Id,
  authorName: z.string(),
  text: z.string(),
  answer: z.string().nullable(),
  answeredAt: IsoTime.nullable(),
  createdAt: IsoTime,
  /** Its text or answer awaits manual review (待人工审核). */
  held: z.boolean(),
});
export type Objection = z.infer<typeof Objection>;

export const Progress = z.object({
  percent: z.number().int(),
  note: z.string(),
  photos: z.array(Photo),
  byName: z.string(),
  at: IsoTime,
});
export type Progress = z.infer<typeof Progress>;

export const TopicSummary = z.object({
  id: Id,
  communityId: Id,
  estateId: Id,
  buildingId: Id.nullable(),
  scopeLabel: z.string(),
  title: z.string(),
  step: Step,
  leaderName: z.string(),
  openedAt: IsoTime,
  updatedAt: IsoTime,
});
export type TopicSummary = z.infer<typeof TopicSummary>;

export const TopicAction = z.enum([
  'advance',
  'end',
  'postOpinion',
  'draftProposal',
  'recordReview',
  'castBallot',
  'closeVote',
  'lodgeObjection',
  'answerObjection',
  'suspendNotice',
  'liftSuspension',
  'addProgress',
  'rate',
]);
export type TopicAction = z.infer<typeof TopicAction>;

export const TopicDetail = TopicSummary.extend({
  background: z.string(),
  photos: z.array(Photo),
  collectEndsAt: IsoTime,
  proposals: z.array(Proposal),
  vote: z
    .object({
      rule: VoteRule,
      opensAt: IsoTime,
      closesAt: IsoTime,
      /**
       * closesAt + the settle period (30 s): the earliest the vote may be closed and tallied, so
       * ballots let in just before closesAt have landed. Between the two the screen shows the wait.
       */
      settlesAt: IsoTime,
      /** The public-notice period after a passed vote, in days (set when voting opened). */
      noticeDays: z.number().int(),
      /** null while voting is open: results are not shown before the window closes. */
      tally: Tally.nullable(),
    })
    .nullable(),
  notice: z
    .object({
      startsAt: IsoTime,
      endsAt: IsoTime,
      suspended: z.boolean(),
      suspendReason: z.string().nullable(),
      objections: z.array(Objection),
    })
    .nullable(),
  execution: z.object({ executor: z.string(), dueDate: z.string(), progress: z.array(Progress) }).nullable(),
  evaluation: z
    .object({
      endsAt: IsoTime,
      ratings: z.number().int(),
      /** Share of ratings of 4 or 5, 0–1; null until the first rating. */
      satisfaction: z.number().nullable(),
      averageScore: z.number().nullable(),
      myHouseholdRated: z.boolean(),
    })
    .nullable(),
  endedReason: z.string().nullable(),
  history: z.array(HistoryEntry),
  /** What the caller may do now; the UI shows only these controls. */
  allowed: z.array(TopicAction),
  /** Some of the topic's text awaits manual review (待人工审核). */
  held: z.boolean(),
  /** The held fields the caller may read (their own; all for the topic's leaders): shown "待人工审核". */
  heldFields: z.array(HeldField),
  /**
   * The server's clock when this was read: the screen counts the current step's period down
   * from it (the local demo's clock may be moved ahead of the phone's, docs/adr/0034).
   */
  now: IsoTime,
});
export type TopicDetail = z.infer<typeof TopicDetail>;

const FileId = z.string().regex(/^cloud:\/\/[^\s]+$/, '图片地址不正确');
const Photos = z.array(FileId).max(6, '最多上传6张图片').default([]);
const Text = (what: string, min: number, max: number) =>
  z.string().trim().min(min, `请填写${what}（至少${min}个字）`).max(max, `${what}不超过${max}个字`);
const Time = (what: string) => DateInput(what);
/**
 * A step's period in whole days from the server's clock (default 7; 1–30 checked by the verb,
 * VALIDATION `topic.bad-period`). The step's exact end may be sent instead (the seeded history).
 */
const Days = (what: string) => z.number({ error: `${what}应为天数` }).int(`${what}应为整数天`);

export const OpenTopicInput = z
  .object({
    communityId: Id,
    estateId: Id,
    /** Absent: the whole estate. */
    buildingId: Id.optional(),
    title: Text('议题标题', 4, 40),
    background: Text('议题背景', 10, 2000),
    photos: Photos,
    /** The collection period in days (default 7). */
    collectDays: Days('意见收集期').optional(),
    /** Instead of `collectDays`: the exact end of the collection. */
    collectEndsAt: Time('意见收集截止时间').optional(),
  })
  .strict();
export type OpenTopicInput = z.infer<typeof OpenTopicInput>;

export const TopicIdInput = z.object({ topicId: Id }).strict();
export type TopicIdInput = z.infer<typeof TopicIdInput>;

export const ListTopicsInput = PageInput.extend({ communityId: Id, step: Step.optional() }).strict();
export type ListTopicsInput = z.infer<typeof ListTopicsInput>;
export const TopicPage = Paged(TopicSummary);
export type TopicPage = z.infer<typeof TopicPage>;

/** Moves a topic to the next step; each target carries what it needs. */
export const AdvanceInput = z.discriminatedUnion('to', [
  z.object({ topicId: Id, to: z.literal('review'), note: z.string().max(200).optional() }).strict(),
  z
    .object({
      topicId: Id,
      to: z.literal('vote'),
      rule: VoteRule,
      /** The voting period in days (default 7). */
      voteDays: Days('投票期').optional(),
      /** Instead of `voteDays`: the exact end of voting. */
      closesAt: Time('投票截止时间').optional(),
      /**
       * The public-notice (公示) period after a passed vote, in days (default 7), set now because
       * the scheduler may be the one that closes the vote and opens the notice.
       */
      noticeDays: Days('公示期').optional(),
      note: z.string().max(200).optional(),
    })
    .strict(),
  z.object({ topicId: Id, to: z.literal('notice'), note: z.string().max(200).optional() }).strict(),
  z
    .object({
      topicId: Id,
      to: z.literal('execute'),
      executor: Text('执行方', 2, 40),
      dueDate: DateInput('完成期限', 'day'),
      note: z.string().max(200).optional(),
    })
    .strict(),
  z
    .object({
      topicId: Id,
      to: z.literal('evaluate'),
      /** The evaluation period in days (default 7). */
      evaluateDays: Days('评估期').optional(),
      /** Instead of `evaluateDays`: the exact end of the evaluation. */
      endsAt: Time('评估截止时间').optional(),
      note: z.string().max(200).optional(),
    })
    .strict(),
  z.object({ topicId: Id, to: z.literal('archived'), note: z.string().max(200).optional() }).strict(),
]);
export type AdvanceInput = z.infer<typeof AdvanceInput>;

export const EndTopicInput = z.object({ topicId: Id, reason: Reason }).strict();
export type EndTopicInput = z.infer<typeof EndTopicInput>;

export const PostOpinionInput = z
  .object({
    topicId: Id,
    text: Text('意见', 5, 500),
    photos: Photos,
    /** 代办: posted for the resident of this consent. */
    proxy: ProxyInput.optional(),
  })
  .strict();
export type PostOpinionInput = z.infer<typeof PostOpinionInput>;
export const OpinionIdInput = z.object({ opinionId: Id }).strict();
export type OpinionIdInput = z.infer<typeof OpinionIdInput>;
export const ListOpinionsInput = PageInput.extend({
  topicId: Id,
  sort: z.enum(['support', 'time']).default('support'),
}).strict();
export type ListOpinionsInput = z.infer<typeof ListOpinionsInput>;
export const OpinionPage = Paged(Opinion);
export type OpinionPage = z.infer<typeof OpinionPage>;

export const DraftProposalInput = z
  .object({ topicId: Id, text: Text('方案', 10, 3000), answersOpinionIds: z.array(Id).max(100).default([]) })
  .strict();
export type DraftProposalInput = z.infer<typeof DraftProposalInput>;

export const RecordReviewInput = z
  .object({
    topicId: Id,
    body: ReviewBody,
    verdict: Verdict,
    comment: z.string().trim().max(500, '意见不超过500个字').default(''),
  })
  .strict()
  .refine((v) => v.verdict === 'agree' || v.comment.length >= 2, {
    path: ['comment'],
    message: '请写明修改意见或不同意的理由',
  });
export type RecordReviewInput = z.infer<typeof RecordReviewInput>;

export const CastBallotInput = z
  .object({
    topicId: Id,
    choice: Choice,
    householdId: Id.optional(),
    /** 代办: the household's ballot cast on this written consent (the household is the consent's). */
    proxy: ProxyInput.optional(),
  })
  .strict();
export type CastBallotInput = z.infer<typeof CastBallotInput>;
export const BallotReceipt = z.object({ topicId: Id, householdId: Id, castAt: IsoTime, turnout: Turnout });
export type BallotReceipt = z.infer<typeof BallotReceipt>;

export const LodgeObjectionInput = z.object({ topicId: Id, text: Text('异议', 5, 500) }).strict();
export type LodgeObjectionInput = z.infer<typeof LodgeObjectionInput>;
export const AnswerObjectionInput = z.object({ topicId: Id, objectionId: Id, answer: Text('答复', 2, 500) }).strict();
export type AnswerObjectionInput = z.infer<typeof AnswerObjectionInput>;
export const ReasonInput = z.object({ topicId: Id, reason: Reason }).strict();
export type ReasonInput = z.infer<typeof ReasonInput>;

export const AddProgressInput = z
  .object({
    topicId: Id,
    percent: z.number().int().min(0, '进度为0到100').max(100, '进度为0到100'),
    note: Text('进展说明', 2, 500),
    photos: Photos,
  })
  .strict();
export type AddProgressInput = z.infer<typeof AddProgressInput>;

export const RateTopicInput = z
  .object({
    topicId: Id,
    score: z.number().int().min(1, '请选择评分').max(5, '评分为1到5'),
    comment: z.string().trim().max(300, '评价不超过300个字').default(''),
    householdId: Id.optional(),
  })
  .strict();
export type RateTopicInput = z.infer<typeof RateTopicInput>;

export const ClearTopicHoldInput = z
  .object({
    kind: HeldKind.exclude(['wish']),
    id: Id,
    /** One held field (as listed); all of the document's held texts when absent. */
    field: z.string().trim().min(1).max(80).optional(),
    decision: HoldDecision,
  })
  .strict();
export type ClearTopicHoldInput = z.infer<typeof ClearTopicHoldInput>;

export const deliberationActions = {
  heldTexts: {
    summary:
      'Topics, opinions, objections and ratings with text held for manual review (待人工审核) on topics the caller leads (all of the community for admins), topics first, oldest first; the caller’s own texts are left out.',
    input: HeldTextsInput,
    result: HeldPage,
    refusals: {
      ...pageRefusals,
      'topic.not-leader': 'FORBIDDEN',
    },
  },
  clearHold: {
    summary:
      'A leader of the topic (or an admin) clears held text: pass keeps it, reject replaces it and tells its author. Conditional, idempotent, audited.',
    input: ClearTopicHoldInput,
    result: ClearHoldResult,
    refusals: {
      'hold.changed': 'PRECONDITION_FAILED',
      'hold.not-found': 'NOT_FOUND',
      'hold.own-text': 'FORBIDDEN',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-leader': 'FORBIDDEN',
    },
  },
  open: {
    summary: 'A leader of the building/estate (or an admin) opens a topic in the 意见收集 step.',
    input: OpenTopicInput,
    result: TopicDetail,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'topic.bad-period': 'VALIDATION',
      'topic.bad-window': 'VALIDATION',
      'topic.building-not-found': 'NOT_FOUND',
      'topic.estate-not-found': 'NOT_FOUND',
      'topic.not-leader': 'FORBIDDEN',
      'topic.photo-duplicate': 'VALIDATION',
      'topic.photo-foreign': 'VALIDATION',
      'topic.photo-missing': 'VALIDATION',
    },
  },
  list: {
    summary: 'Topics of a community (optionally one step), for anyone with a role in it.',
    input: ListTopicsInput,
    result: TopicPage,
    refusals: {
      ...pageRefusals,
      'topic.not-in-community': 'FORBIDDEN',
    },
  },
  get: {
    summary:
      'A topic with its current step, proposals, vote (tally only after closing), notice, execution, evaluation, history and allowed actions.',
    input: TopicIdInput,
    result: TopicDetail,
    refusals: {
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
    },
  },
  advance: {
    summary:
      'Moves a topic to the next step through the transition table, when that step’s conditions hold. Leader or admin.',
    input: AdvanceInput,
    result: TopicDetail,
    refusals: {
      'topic.bad-period': 'VALIDATION',
      'topic.bad-window': 'VALIDATION',
      'topic.changed': 'PRECONDITION_FAILED',
      'topic.close-vote-first': 'PRECONDITION_FAILED',
      'topic.evaluation-running': 'PRECONDITION_FAILED',
      'topic.illegal-move': 'PRECONDITION_FAILED',
      'topic.no-eligible': 'PRECONDITION_FAILED',
      'topic.no-notice': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-leader': 'FORBIDDEN',
      'topic.notice-running': 'PRECONDITION_FAILED',
      'topic.notice-suspended': 'PRECONDITION_FAILED',
      'topic.objections-open': 'PRECONDITION_FAILED',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.review-not-passed': 'PRECONDITION_FAILED',
    },
  },
  end: {
    summary: 'Ends a topic early (终止) with a reason at any step; the history stays. Leader or admin; audited.',
    input: EndTopicInput,
    result: TopicDetail,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'topic.changed': 'PRECONDITION_FAILED',
      'topic.illegal-move': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-leader': 'FORBIDDEN',
      'topic.out-of-scope': 'FORBIDDEN',
    },
  },
  postOpinion: {
    summary:
      'A resident in scope posts an opinion during 意见收集 (checked for safety); credits participation points once.',
    input: PostOpinionInput,
    result: Opinion,
    refusals: {
      ...proxyActRefusals,
      'content.unsafe': 'VALIDATION',
      'opinion.collection-closed': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-in-scope': 'FORBIDDEN',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.photo-duplicate': 'VALIDATION',
      'topic.photo-foreign': 'VALIDATION',
      'topic.photo-missing': 'VALIDATION',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  supportOpinion: {
    summary: 'A resident in scope supports an opinion, once each.',
    input: OpinionIdInput,
    result: Opinion,
    refusals: {
      'opinion.already-supported': 'CONFLICT',
      'opinion.not-found': 'NOT_FOUND',
      'opinion.own': 'FORBIDDEN',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-in-scope': 'FORBIDDEN',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  listOpinions: {
    summary: "A topic's opinions, ranked by support or newest first.",
    input: ListOpinionsInput,
    result: OpinionPage,
    refusals: {
      ...pageRefusals,
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
    },
  },
  draftProposal: {
    summary: 'The leader drafts (or revises: a new version, the old kept) the proposal during 联审.',
    input: DraftProposalInput,
    result: TopicDetail,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'proposal.foreign-opinion': 'VALIDATION',
      'topic.changed': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-leader': 'FORBIDDEN',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  recordReview: {
    summary:
      'A member entitled to speak for the Party branch or a council records its verdict on the current proposal.',
    input: RecordReviewInput,
    result: TopicDetail,
    refusals: {
      'review.one-person-one-body': 'FORBIDDEN',
      'review.supervisor-independent': 'FORBIDDEN',
      'content.unsafe': 'VALIDATION',
      'review.already-recorded': 'CONFLICT',
      'review.no-proposal': 'PRECONDITION_FAILED',
      'review.not-entitled': 'FORBIDDEN',
      'topic.changed': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  castBallot: {
    summary:
      'A resident casts their household’s ballot inside the voting window; one per household (also under concurrency); a call that finishes too long after the window closed withdraws its ballot (PRECONDITION_FAILED).',
    input: CastBallotInput,
    result: BallotReceipt,
    refusals: {
      'ballot.household-required': 'VALIDATION',
      'ballot.household-voted': 'CONFLICT',
      'ballot.not-eligible': 'FORBIDDEN',
      'ballot.not-your-household': 'FORBIDDEN',
      'ballot.vote-closed': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
      ...proxyActRefusals,
    },
  },
  turnout: {
    summary: 'Live participation by households and by floor area; never the choices while voting is open.',
    input: TopicIdInput,
    result: Turnout,
    refusals: {
      'topic.no-vote': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
    },
  },
  closeVote: {
    summary:
      'Closes voting (leader, or the scheduled job) once the window and its 30 s settle period have passed, and stores the tally computed from the ballots; passed → 公示, failed → ended.',
    input: TopicIdInput,
    result: TopicDetail,
    refusals: {
      'topic.changed': 'PRECONDITION_FAILED',
      'topic.illegal-move': 'PRECONDITION_FAILED',
      'topic.no-vote': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-leader': 'FORBIDDEN',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.vote-open': 'PRECONDITION_FAILED',
      'topic.vote-settling': 'PRECONDITION_FAILED',
    },
  },
  recomputeTally: {
    summary: 'Recomputes the tally from the stored ballots and reports whether it equals the stored one.',
    input: TopicIdInput,
    result: z.object({ stored: Tally, recomputed: Tally, equal: z.boolean() }),
    refusals: {
      'topic.no-tally': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
    },
  },
  lodgeObjection: {
    summary: 'A resident in scope lodges an objection during 公示.',
    input: LodgeObjectionInput,
    result: Objection,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'objection.notice-over': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-in-scope': 'FORBIDDEN',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  answerObjection: {
    summary: 'The leader answers an objection; every objection must be answered before the topic moves on.',
    input: AnswerObjectionInput,
    result: Objection,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'objection.answered': 'PRECONDITION_FAILED',
      'objection.not-found': 'NOT_FOUND',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-leader': 'FORBIDDEN',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  suspendNotice: {
    summary: 'A supervisory board member suspends the public notice with a reason; audited.',
    input: ReasonInput,
    result: TopicDetail,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'notice.already': 'PRECONDITION_FAILED',
      'notice.not-supervisor': 'FORBIDDEN',
      'topic.changed': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  liftSuspension: {
    summary: 'A supervisory board member lifts the suspension with a reason; audited.',
    input: ReasonInput,
    result: TopicDetail,
    refusals: {
      'notice.supervisor-independent': 'FORBIDDEN',
      'content.unsafe': 'VALIDATION',
      'notice.already': 'PRECONDITION_FAILED',
      'notice.not-supervisor': 'FORBIDDEN',
      'topic.changed': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  addProgress: {
    summary:
      'The leader records execution progress (percentage, note, photos); opinion authors and supporters are told.',
    input: AddProgressInput,
    result: TopicDetail,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'progress.backwards': 'VALIDATION',
      'topic.changed': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.not-leader': 'FORBIDDEN',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.photo-duplicate': 'VALIDATION',
      'topic.photo-foreign': 'VALIDATION',
      'topic.photo-missing': 'VALIDATION',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  rate: {
    summary: 'A resident rates the outcome 1–5 during 评估, once per household; credits participation points once.',
    input: RateTopicInput,
    result: TopicDetail,
    refusals: {
      'content.unsafe': 'VALIDATION',
      'rating.household-rated': 'CONFLICT',
      'rating.household-required': 'VALIDATION',
      'rating.not-eligible': 'FORBIDDEN',
      'rating.not-your-household': 'FORBIDDEN',
      'rating.window-over': 'PRECONDITION_FAILED',
      'topic.not-found': 'NOT_FOUND',
      'topic.out-of-scope': 'FORBIDDEN',
      'topic.wrong-step': 'PRECONDITION_FAILED',
    },
  },
  reconcile: {
    summary:
      "An admin of the community recounts the supports of a page of its opinions and repairs each opinion's supportCount that disagrees; reports each change ({ id, field, from, to }) and the next page's cursor. Audited when something changed. A daily timer does the same for a page of all communities.",
    input: ReconcileInput,
    result: ReconcileReport,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
    },
  },
  refuseProxyAct: {
    summary:
      'An admin of the community refuses one 代办 act of this area, named by its audit entry: a proxy ballot while the vote is open (the ballot void, the household may vote again, the vote points reversed), or a proxy opinion (removed from the topic, its points reversed unless another opinion of the author remains); audited, the resident and the proxy told, all in one transaction.',
    input: RefuseProxyActInput,
    result: RefusedProxyAct,
    refusals: {
      ...refuseProxyActRefusals,
      'proxy.vote-closed': 'PRECONDITION_FAILED',
    },
  },
} as const;
