/**
 * Whether a proposal passed joint review (联审). Invariants: `null` until all four bodies
 * (the Party branch and the three councils) have spoken on this version; then passed exactly
 * when the Party branch said agree or agree_with_changes AND at least 2 of the 3 councils did.
 */
import { ReviewBody, type Verdict } from '../../../types/deliberation';
import type { ProposalDoc } from './store';

const favourable = (v: Verdict | undefined) => v === 'agree' || v === 'agree_with_changes';

export function reviewPassed(proposal: Pick<ProposalDoc, 'reviews'>): boolean | null {
  const verdict = new Map(proposal.reviews.map((r) => [r.body, r.verdict]));
  if (!ReviewBody.options.every((b) => verdict.has(b))) return null;
  const councils = (['owners', 'deliberation', 'supervisory'] as const).filter((b) => favourable(verdict.get(b)));
  return favourable(verdict.get('party_branch')) && councils.length >= 2;
}
