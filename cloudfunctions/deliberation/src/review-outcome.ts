/**
 * Whether a proposal passed joint review (联审). Invariants:
 * - `null` until all four bodies (the Party branch and the three councils) have spoken on this
 *   version; then passed exactly when the Party branch said agree or agree_with_changes AND at
 *   least 2 of the 3 councils did, and the reviews keep the separation of duties;
 * - separation of duties (`separationBreach`): one person signs for one body on a version,
 *   except the Party branch + owners' committee pair signed under a 一肩挑 dual post (both
 *   reviews flagged `dualPost`); whoever signs for the 监事会 signs for no other body on the
 *   version and neither opened the topic nor drafted the version. A version whose stored reviews
 *   break it (e.g. written before these rules) has not passed.
 */
import { ReviewBody, type Verdict } from '../../../types/deliberation';
import type { ProposalDoc, ReviewDoc } from './store';

const favourable = (v: Verdict | undefined) => v === 'agree' || v === 'agree_with_changes';

type Reviewed = Pick<ProposalDoc, 'reviews' | 'draftedBy'>;

/** The reason the reviews of a version break the separation of duties, or null. */
export function separationBreach(
  proposal: Reviewed,
  topicLeaderId: string,
): 'review.one-person-one-body' | 'review.supervisor-independent' | null {
  const supervisor = proposal.reviews.find((r) => r.body === 'supervisory');
  if (supervisor) {
    const elsewhere = proposal.reviews.some((r) => r.body !== 'supervisory' && r.byId === supervisor.byId);
    if (elsewhere || supervisor.byId === topicLeaderId || supervisor.byId === proposal.draftedBy) {
      return 'review.supervisor-independent';
    }
  }
  const bySigner = new Map<string, ReviewDoc[]>();
  for (const r of proposal.reviews) bySigner.set(r.byId, [...(bySigner.get(r.byId) ?? []), r]);
  for (const signed of bySigner.values()) {
    if (signed.length < 2) continue;
    const bodies = new Set(signed.map((r) => r.body));
    const dualPost =
      signed.length === 2 &&
      bodies.has('party_branch') &&
      bodies.has('owners') &&
      signed.every((r) => r.dualPost === true);
    if (!dualPost) return 'review.one-person-one-body';
  }
  return null;
}

export function reviewPassed(proposal: Reviewed, topicLeaderId: string): boolean | null {
  const verdict = new Map(proposal.reviews.map((r) => [r.body, r.verdict]));
  if (!ReviewBody.options.every((b) => verdict.has(b))) return null;
  if (separationBreach(proposal, topicLeaderId) !== null) return false;
  const councils = (['owners', 'deliberation', 'supervisory'] as const).filter((b) => favourable(verdict.get(b)));
  return favourable(verdict.get('party_branch')) && councils.length >= 2;
}
