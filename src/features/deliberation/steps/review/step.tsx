/**
 * 联审 on the topic screen: the panel, drafting a proposal, recording a review for the bodies
 * the caller speaks for, and opening the vote.
 */
import { call } from '@/services/cloud';
import { REVIEW_BODIES, type ReviewBody } from '~types/labels/deliberation';
import type { Role } from '~types/account';
import type { Opinion, TopicDetail } from '~types/deliberation';
import { useStepSheets, type TopicKit } from '../../common/topic-kit';
import { VoteSheet } from '../vote/sheets';
import { ReviewPanel } from './panel';
import { ProposalSheet, ReviewSheet } from './sheets';

/** The bodies the caller may speak for on this topic (the server decides for real). */
function bodiesOf(roles: readonly Role[], topic: TopicDetail): ReviewBody[] {
  return REVIEW_BODIES.filter((b) =>
    b === 'party_branch'
      ? roles.some((r) => r.kind === 'estate_leader' && r.estateId === topic.estateId)
      : roles.some(
          (r) =>
            r.kind === 'council_member' &&
            r.communityId === topic.communityId &&
            r.councilKind === b &&
            r.position === 'chair',
        ),
  );
}

export function ReviewStep({ kit, opinions, roles }: { kit: TopicKit; opinions: Opinion[]; roles: readonly Role[] }) {
  const sheets = useStepSheets<'proposal' | 'review' | 'vote'>(kit);
  const { topic } = kit;
  const topicId = topic.id;
  const latest = topic.proposals.at(-1);
  return (
    <>
      <ReviewPanel
        topic={topic}
        opinions={opinions}
        has={kit.has}
        onDraft={() => sheets.show('proposal')}
        onReview={() => sheets.show('review')}
        onVote={() => sheets.show('vote')}
      />
      {sheets.open === 'proposal' ? (
        <ProposalSheet
          {...sheets.sheet}
          opinions={opinions}
          initial={latest ? { text: latest.text, answers: latest.answersOpinionIds } : null}
          onSubmit={async (text, answersOpinionIds) =>
            sheets.done(await call('deliberation', 'draftProposal', { topicId, text, answersOpinionIds }), '方案已提交')
          }
        />
      ) : null}
      {sheets.open === 'review' ? (
        <ReviewSheet
          {...sheets.sheet}
          bodies={bodiesOf(roles, topic).filter((b) => !latest?.reviews.some((r) => r.body === b))}
          onSubmit={async (body, verdict, comment) =>
            sheets.done(await call('deliberation', 'recordReview', { topicId, body, verdict, comment }), '已记录')
          }
        />
      ) : null}
      {sheets.open === 'vote' ? (
        <VoteSheet
          {...sheets.sheet}
          onSubmit={async (rule, voteDays, noticeDays) =>
            sheets.done(
              await call('deliberation', 'advance', { topicId, to: 'vote', rule, voteDays, noticeDays }),
              '表决已开始',
            )
          }
        />
      ) : null}
    </>
  );
}
