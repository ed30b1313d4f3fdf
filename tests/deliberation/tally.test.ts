/**
 * The counting rules (PRODUCT.md §4, types/deliberation.ts VoteRule) at their exact edges,
 * table-driven, against the pure `tally` function.
 */
import { tally, totalsOf, sameTally, type Totals } from '../../cloudfunctions/deliberation/src/tally';
import type { VoteRule } from '../../types/deliberation';

/** Totals from household counts with equal areas (100 m² each) unless areas are given. */
function totals(agree: number, oppose: number, abstain: number, area?: [number, number, number]): Totals {
  const a = area ?? [agree * 100, oppose * 100, abstain * 100];
  return {
    agree: { households: agree, areaCents: a[0] * 100 },
    oppose: { households: oppose, areaCents: a[1] * 100 },
    abstain: { households: abstain, areaCents: a[2] * 100 },
  };
}

const at = new Date('2026-11-10T00:00:00Z');

interface Row {
  name: string;
  rule: VoteRule;
  eligible: number;
  eligibleArea?: number;
  t: Totals;
  participation: boolean;
  approval: boolean;
}

const rows: Row[] = [
  // simple: participation ≥ 1/2 households; agree > 1/2 of ballots cast.
  {
    name: 'simple: exactly 1/2 turnout, 3 of 5 agree',
    rule: 'simple',
    eligible: 10,
    t: totals(3, 2, 0),
    participation: true,
    approval: true,
  },
  {
    name: 'simple: just under 1/2 turnout',
    rule: 'simple',
    eligible: 10,
    t: totals(4, 0, 0),
    participation: false,
    approval: true,
  },
  {
    name: 'simple: exactly 1/2 agree fails',
    rule: 'simple',
    eligible: 10,
    t: totals(3, 3, 0),
    participation: true,
    approval: false,
  },
  {
    name: 'simple: abstentions participate but do not agree',
    rule: 'simple',
    eligible: 10,
    t: totals(3, 0, 3),
    participation: true,
    approval: false,
  },
  {
    name: 'simple: abstentions make the turnout',
    rule: 'simple',
    eligible: 10,
    t: totals(1, 0, 4),
    participation: true,
    approval: false,
  },
  {
    name: 'simple: zero ballots',
    rule: 'simple',
    eligible: 10,
    t: totals(0, 0, 0),
    participation: false,
    approval: false,
  },
  // civil_ordinary: ≥ 2/3 of households AND area; agree > 1/2 of participating households AND area.
  {
    name: 'ordinary: exactly 2/3 turnout, 2/3 agree',
    rule: 'civil_ordinary',
    eligible: 9,
    t: totals(4, 2, 0),
    participation: true,
    approval: true,
  },
  {
    name: 'ordinary: one short of 2/3 turnout',
    rule: 'civil_ordinary',
    eligible: 9,
    t: totals(5, 0, 0),
    participation: false,
    approval: true,
  },
  {
    name: 'ordinary: exactly 1/2 agree fails',
    rule: 'civil_ordinary',
    eligible: 9,
    t: totals(3, 3, 0),
    participation: true,
    approval: false,
  },
  {
    name: 'ordinary: households reach 2/3 but area does not',
    rule: 'civil_ordinary',
    eligible: 9,
    eligibleArea: 900,
    t: totals(4, 2, 0, [300, 200, 0]), // 6/9 households, 500/900 m²
    participation: false,
    approval: true,
  },
  {
    name: 'ordinary: area agrees but households do not',
    rule: 'civil_ordinary',
    eligible: 9,
    eligibleArea: 900,
    t: totals(3, 3, 0, [400, 200, 0]), // 3/6 households agree (not > 1/2), 400/600 m²
    participation: true,
    approval: false,
  },
  {
    name: 'ordinary: households agree but area does not',
    rule: 'civil_ordinary',
    eligible: 9,
    eligibleArea: 900,
    t: totals(4, 2, 0, [300, 300, 0]), // 4/6 households, exactly 1/2 of area
    participation: true,
    approval: false,
  },
  {
    name: 'ordinary: zero ballots',
    rule: 'civil_ordinary',
    eligible: 9,
    t: totals(0, 0, 0),
    participation: false,
    approval: false,
  },
  // civil_major: same participation; agree ≥ 3/4 of participating households AND area.
  {
    name: 'major: exactly 3/4 agree passes',
    rule: 'civil_major',
    eligible: 12,
    t: totals(6, 2, 0),
    participation: true,
    approval: true,
  },
  {
    name: 'major: just under 3/4 agree',
    rule: 'civil_major',
    eligible: 12,
    t: totals(5, 2, 0, [500, 200, 0]),
    participation: false,
    approval: false,
  },
  {
    name: 'major: 3/4 agree with abstentions counted',
    rule: 'civil_major',
    eligible: 12,
    t: totals(6, 1, 1),
    participation: true,
    approval: true,
  },
  {
    name: 'major: abstention pulls below 3/4',
    rule: 'civil_major',
    eligible: 12,
    t: totals(5, 1, 1, [500, 100, 100]),
    participation: false,
    approval: false,
  },
  {
    name: 'major: households 3/4 but area under 3/4',
    rule: 'civil_major',
    eligible: 8,
    eligibleArea: 800,
    t: totals(6, 2, 0, [449.99, 150.01, 0]), // 6/8 households; 449.99/600 m² < 3/4
    participation: true,
    approval: false,
  },
  {
    name: 'major: area exactly 3/4 with awkward decimals',
    rule: 'civil_major',
    eligible: 8,
    eligibleArea: 800.01,
    t: totals(6, 2, 0, [450.03, 150.01, 0]), // 450.03 * 4 = 1800.12 = 600.04 * 3
    participation: true,
    approval: true,
  },
];

test.each(rows)('$name', (row) => {
  const eligibleArea = (row.eligibleArea ?? row.eligible * 100) * 100;
  const result = tally(row.rule, { households: row.eligible, areaCents: Math.round(eligibleArea) }, row.t, at);
  expect({ participation: result.participationMet, approval: result.approvalMet }).toEqual({
    participation: row.participation,
    approval: row.approval,
  });
  expect(result.passed).toBe(row.participation && row.approval);
  expect(result.explanation).toMatch(/参与户数/);
  expect(result.votedHouseholds).toBe(row.t.agree.households + row.t.oppose.households + row.t.abstain.households);
});

test('exactly 2/3 of area with decimals participates (integer arithmetic, no float edge)', () => {
  // 300.3 m² eligible, 200.2 m² voted: exactly 2/3.
  const t = totalsOf([
    { choice: 'agree', areaCents: 10010 },
    { choice: 'agree', areaCents: 10010 },
  ]);
  const r = tally('civil_ordinary', { households: 3, areaCents: 30030 }, t, at);
  expect(r.participationMet).toBe(true);
  expect(r.votedArea).toBe(200.2);
});

test('the same ballots give the same tally whenever computed', () => {
  const t = totalsOf([
    { choice: 'agree', areaCents: 8850 },
    { choice: 'oppose', areaCents: 9020 },
    { choice: 'abstain', areaCents: 7710 },
  ]);
  const a = tally('civil_major', { households: 4, areaCents: 40000 }, t, at);
  const b = tally('civil_major', { households: 4, areaCents: 40000 }, t, new Date());
  expect(sameTally(a, b)).toBe(true);
  expect(sameTally(a, { ...b, agreeHouseholds: 2 })).toBe(false);
});
