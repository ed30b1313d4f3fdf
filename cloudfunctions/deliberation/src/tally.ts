/**
 * Counting the votes: a pure function of the rule, the eligible households (frozen when voting
 * opened) and the ballots' totals per choice. Invariants:
 * - areas are integers in hundredths of m², so every comparison below is exact integer
 *   arithmetic (no floating-point edge: exactly 2/3 is 2/3);
 * - abstentions count as participating (they are ballots cast) but never as agreeing;
 * - simple: participation votedHouseholds ≥ 1/2 of eligible households; approval agree > 1/2
 *   of ballots cast (exactly half fails);
 * - civil_ordinary: participation ≥ 2/3 of households AND ≥ 2/3 of area; approval agree > 1/2
 *   of participating households AND of participating area;
 * - civil_major: the same participation; approval agree ≥ 3/4 of participating households AND
 *   of participating area (exactly 3/4 passes);
 * - zero ballots: participation and approval are both unmet; passed = participation AND approval;
 * - the result is the same for the same inputs (the time is passed in), so a stored tally can
 *   be recomputed from the ballots and compared.
 */
import type { Choice, Tally, VoteRule } from '../../../types/deliberation';
import { voteRuleLabels } from '../../../types/deliberation';

export interface ChoiceTotal {
  households: number;
  areaCents: number;
}
export type Totals = Record<Choice, ChoiceTotal>;

export const emptyTotals = (): Totals => ({
  agree: { households: 0, areaCents: 0 },
  oppose: { households: 0, areaCents: 0 },
  abstain: { households: 0, areaCents: 0 },
});

/** Totals per choice from individual ballots (tests and small topics). */
export function totalsOf(ballots: Iterable<{ choice: Choice; areaCents: number }>): Totals {
  const t = emptyTotals();
  for (const b of ballots) {
    t[b.choice].households += 1;
    t[b.choice].areaCents += b.areaCents;
  }
  return t;
}

const area = (cents: number) => cents / 100;
const pct = (part: number, whole: number) => (whole === 0 ? '0.0%' : `${((part / whole) * 100).toFixed(1)}%`);

export function tally(
  rule: VoteRule,
  eligible: { households: number; areaCents: number },
  totals: Totals,
  computedAt: Date,
): Tally {
  const votedH = totals.agree.households + totals.oppose.households + totals.abstain.households;
  const votedA = totals.agree.areaCents + totals.oppose.areaCents + totals.abstain.areaCents;
  const agreeH = totals.agree.households;
  const agreeA = totals.agree.areaCents;

  let participationMet: boolean;
  let approvalMet: boolean;
  if (rule === 'simple') {
    participationMet = votedH > 0 && votedH * 2 >= eligible.households;
    approvalMet = votedH > 0 && agreeH * 2 > votedH;
  } else {
    participationMet = votedH > 0 && votedH * 3 >= eligible.households * 2 && votedA * 3 >= eligible.areaCents * 2;
    approvalMet =
      votedH > 0 &&
      (rule === 'civil_ordinary'
        ? agreeH * 2 > votedH && agreeA * 2 > votedA
        : agreeH * 4 >= votedH * 3 && agreeA * 4 >= votedA * 3);
  }
  const passed = participationMet && approvalMet;

  const parts = [
    `计票规则：${voteRuleLabels[rule]}`,
    `参与户数 ${votedH}/${eligible.households}（${pct(votedH, eligible.households)}）`,
  ];
  if (rule !== 'simple') {
    parts.push(`参与面积 ${area(votedA)}/${area(eligible.areaCents)}㎡（${pct(votedA, eligible.areaCents)}）`);
  }
  parts.push(`同意 ${agreeH} 户（占参与户数 ${pct(agreeH, votedH)}）`);
  if (rule !== 'simple') parts.push(`同意面积 ${area(agreeA)}㎡（占参与面积 ${pct(agreeA, votedA)}）`);
  parts.push(`反对 ${totals.oppose.households} 户，弃权 ${totals.abstain.households} 户`);
  const need =
    rule === 'simple'
      ? '需参与户数不少于一半且同意超过投票数的一半'
      : rule === 'civil_ordinary'
        ? '需参与户数和面积均不少于三分之二，且同意户数和面积均超过参与的一半'
        : '需参与户数和面积均不少于三分之二，且同意户数和面积均不少于参与的四分之三';
  const verdict = passed ? '表决通过' : !participationMet ? '参与不足，表决未通过' : '同意票不足，表决未通过';

  return {
    rule,
    eligibleHouseholds: eligible.households,
    eligibleArea: area(eligible.areaCents),
    votedHouseholds: votedH,
    votedArea: area(votedA),
    agreeHouseholds: agreeH,
    agreeArea: area(agreeA),
    opposeHouseholds: totals.oppose.households,
    abstainHouseholds: totals.abstain.households,
    participationMet,
    approvalMet,
    passed,
    explanation: `${parts.join('；')}。${need}。${verdict}。`,
    computedAt: computedAt.toISOString(),
  };
}

/** Two tallies agree in everything but the time they were computed. */
export function sameTally(a: Tally, b: Tally): boolean {
  const keys = Object.keys(a) as Array<keyof Tally>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k === 'computedAt' || a[k] === b[k]);
}
