/**
 * The `deliberation` area's enum values and their Chinese labels, without zod: the app imports these
 * (client bundles carry no zod, docs/adr/0021-build-for-the-base-library.md); the schemas in
 * ../deliberation.ts are built from the same values.
 */
export const STEPS = ['collect', 'review', 'vote', 'notice', 'execute', 'evaluate', 'archived', 'ended'] as const;
export type Step = (typeof STEPS)[number];
export const stepLabels: Record<Step, string> = {
  collect: '意见收集',
  review: '联审',
  vote: '决议',
  notice: '公示',
  execute: '执行',
  evaluate: '评估',
  archived: '已归档',
  ended: '已终止',
};

export const REVIEW_BODIES = ['party_branch', 'owners', 'deliberation', 'supervisory'] as const;
export type ReviewBody = (typeof REVIEW_BODIES)[number];
export const reviewBodyLabels: Record<ReviewBody, string> = {
  party_branch: '小区党支部',
  owners: '业主委员会',
  deliberation: '居民议事会',
  supervisory: '监事会',
};

export const VERDICTS = ['agree', 'agree_with_changes', 'disagree'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const verdictLabels: Record<Verdict, string> = {
  agree: '同意',
  agree_with_changes: '修改后同意',
  disagree: '不同意',
};

export const VOTE_RULES = ['simple', 'civil_ordinary', 'civil_major'] as const;
export type VoteRule = (typeof VOTE_RULES)[number];
export const voteRuleLabels: Record<VoteRule, string> = {
  simple: '简单多数',
  civil_ordinary: '民法典一般事项',
  civil_major: '民法典重大事项',
};

export const CHOICES = ['agree', 'oppose', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
export const choiceLabels: Record<Choice, string> = { agree: '同意', oppose: '反对', abstain: '弃权' };

/** The six steps in order (archived and ended are outcomes, not steps). */
export const SIX_STEPS = ['collect', 'review', 'vote', 'notice', 'execute', 'evaluate'] as const;

/**
 * The periods of the timed steps (意见收集, 投票, 公示, 评估), in whole days counted from the
 * server's clock when the step opens: 7 by default (as the field reports do it), 1 to 30.
 */
export const PERIOD_DAYS = { default: 7, min: 1, max: 30 } as const;
