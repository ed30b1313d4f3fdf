/**
 * deliberation.advance — a leader of the topic (or an admin) moves it to the next step.
 * Invariants: the move must be a row of the transition table from the current step for a
 * leader (PRECONDITION_FAILED / FORBIDDEN otherwise), and then the target's own conditions:
 * - → review: any time during collect (it closes the collection);
 * - → vote: the CURRENT proposal version passed joint review (its reviews keeping the
 *   separation of duties, review-outcome.ts); the voting period (`voteDays`, default 7, or
 *   an exact `closesAt`) and the 公示 period that follows a passed vote (`noticeDays`, default
 *   7) lie within 1–30 days (periods.ts); the eligible households (eligible.ts) and their total area are frozen into the
 *   topic in the same write; a scope without eligible households cannot vote;
 * - → notice: never by advancing — only closing the vote with a passed tally moves there;
 * - → execute: the notice period is over, it is not suspended and every objection is answered
 *   (counted from the objection documents, read after the topic: see lodge-objection.ts);
 *   names the executor and due date;
 * - → evaluate: any time in execute; the evaluation period (`evaluateDays`, default 7, or an
 *   exact `endsAt`) lies within 1–30 days;
 * - → archived: the evaluation window is over, or every eligible household has rated.
 * The move is one conditional write (step + rev) with its history entry, and is audited. A move
 * to vote then tells every resident of the eligible households (never the mover), each with the
 * key `topic:<id>:vote-open:<userId>`, in one insert — messages the move's own write carries
 * (`outbox`, _shared/outbox.ts), so a crash after the move leaves them on the topic and the next
 * request that reads it (the move's retry, a view, the list) delivers them (8 requests for that
 * move, docs/adr/0017).
 */
import type { QueuedPush } from '../../../types/subscriptions';
import { AppError } from '../../../types/errors';
import { stepLabels, type AdvanceInput, type TopicDetail } from '../../../types/deliberation';
import { formatCst } from '../../../types/time';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { requireVisible, whoOf } from './access';
import { crashPoint } from '../../_shared/crash-points';
import { batchOf, deliver, owed, owedToInUpdate, type OutboxBatch } from '../../_shared/outbox';
import type { InAppNotice } from '../../_shared/tell-many';
import { topicLink } from './add-progress';
import { eligibleWithResidents } from './eligible';
import { applyMove } from './move';
import { periodDays, periodEnd } from './periods';
import { reviewPassed } from './review-outcome';
import { currentProposal, ms, mustFindTopic, type TopicDoc } from './store';
import { decideMove } from './transitions';
import { ratingStats, toDetail } from './views';
import { Collections } from '../../_shared/collections';

const refuse = (reason: string, message: string) => new AppError('PRECONDITION_FAILED', `topic.${reason}`, message);

export async function advance({ ctx, input }: { ctx: Ctx; input: AdvanceInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  const row = decideMove(topic.step, 'advance', whoOf(actor, topic), input.to);
  const user = actor.user!;
  const now = ctx.now();
  let set: Partial<TopicDoc> = {};
  let residents: string[] = [];

  switch (input.to) {
    case 'review':
      if (ms(topic.collectEndsAt) > now.getTime()) set = { collectEndsAt: now };
      break;
    case 'vote': {
      const proposal = currentProposal(topic);
      if (!proposal || reviewPassed(proposal, topic.leaderId) !== true) {
        throw refuse('review-not-passed', '当前方案尚未通过联审，不能进入决议');
      }
      const closesAt = periodEnd(
        now,
        { days: input.voteDays, endsAt: input.closesAt },
        { days: 'voteDays', endsAt: 'closesAt' },
        '投票期',
      );
      const noticeDays = periodDays(input.noticeDays, 'noticeDays', '公示期');
      const found = await eligibleWithResidents(ctx, topic);
      const eligible = found.eligible;
      residents = found.residents;
      if (eligible.length === 0) throw refuse('no-eligible', '议题范围内没有可投票的住户');
      set = {
        vote: {
          rule: input.rule,
          opensAt: now,
          closesAt,
          eligible,
          eligibleHouseholds: eligible.length,
          eligibleAreaCents: eligible.reduce((sum, e) => sum + e.a, 0),
          noticeDays,
          tally: null,
        },
        voteClosesAt: closesAt,
      };
      break;
    }
    case 'notice':
      // Not reachable: the table has no advance row into notice (closeVote makes that move).
      throw refuse('close-vote-first', '请结束投票并计票，表决通过后自动进入公示');
    case 'execute': {
      const notice = topic.notice;
      if (!notice) throw refuse('no-notice', '议题尚未公示');
      if (notice.suspended) throw refuse('notice-suspended', '公示已被监事会暂停，解除暂停后才能执行');
      if (ms(notice.endsAt) > now.getTime()) throw refuse('notice-running', '公示期尚未结束');
      const open = await ctx.db.collection(Collections.objections).where({ topicId: topic._id, answer: null }).count();
      if (open.total > 0) throw refuse('objections-open', '还有异议未答复，请先逐条答复');
      set = { execution: { executor: input.executor, dueDate: input.dueDate, progress: [] } };
      break;
    }
    case 'evaluate': {
      const endsAt = periodEnd(
        now,
        { days: input.evaluateDays, endsAt: input.endsAt },
        { days: 'evaluateDays', endsAt: 'endsAt' },
        '评估期',
      );
      set = { evaluation: { endsAt }, evaluationEndsAt: endsAt };
      break;
    }
    case 'archived': {
      const over = topic.evaluation !== null && ms(topic.evaluation.endsAt) <= now.getTime();
      if (!over) {
        const stats = await ratingStats(ctx, topic._id);
        const all = topic.vote?.eligibleHouseholds ?? Infinity;
        if (stats.ratings < all) throw refuse('evaluation-running', '评估期尚未结束，且仍有住户未评价');
      }
      break;
    }
  }

  let batch: OutboxBatch | null = null;
  if (row.to === 'vote' && set.vote) {
    const closes = formatCst(set.vote.closesAt);
    // Queued with each message: sent by the messages timer to the residents who consented.
    const push: QueuedPush = {
      kind: 'voteOpen',
      values: {
        topicId: topic._id,
        topicTitle: topic.title,
        closesAt: set.vote.closesAt,
        notice: '请代表您的房屋投票',
      },
    };
    const notices: InAppNotice[] = residents
      .filter((userId) => userId !== user._id)
      .map((userId) => ({
        key: `topic:${topic._id}:vote-open:${userId}`,
        userId,
        communityId: topic.communityId,
        kind: 'topic',
        title: '议题开始投票',
        body: `议题“${topic.title}”已开始投票，截止时间：${closes}。请代表您的房屋投出一票。`,
        link: topicLink(topic._id),
        push,
      }));
    batch = batchOf(notices);
  }
  const moved = await applyMove(ctx, topic, row, {
    by: { id: user._id, name: user.name },
    note: input.note ?? null,
    set,
    at: now,
    // Set whole by move.ts, beside any other batch the topic owes.
    paths: batch ? { 'outbox.vote-open': batch } : {},
    extra: owedToInUpdate(ctx, [batch]),
  });
  await writeAudit(ctx, user, {
    communityId: topic.communityId,
    action: 'deliberation.advance',
    targetKind: 'topic',
    targetId: topic._id,
    summary: `议题“${topic.title}”由「${stepLabels[row.from]}」推进到「${stepLabels[row.to]}」`,
    before: { step: row.from, rev: topic.rev },
    after: { step: row.to, rev: moved.rev },
  });
  crashPoint('deliberation.advance.before-messages');
  await deliver(ctx, Collections.topics, owed(topic._id, 'vote-open', batch));
  return toDetail(ctx, actor, moved);
}
