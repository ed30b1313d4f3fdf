/**
 * deliberation.closeVote — closes voting once the window has passed (a leader of the topic or
 * an admin; the scheduler through close-windows.ts) and stores the tally.
 * Invariants: a row of the table from vote (PRECONDITION_FAILED elsewhere, FORBIDDEN for
 * others); not before `closesAt` (PRECONDITION_FAILED `topic.vote-open`), and not inside the
 * settle period either: only once `now ≥ closesAt + VOTE_SETTLE_MS` (PRECONDITION_FAILED
 * `topic.vote-settling` before, nothing written), so every ballot whose window check passed
 * has landed — or been withdrawn by castBallot's lateness guard — before the ballots are
 * aggregated, and no ballot can become visible after the tally (docs/adr/0009); the tally is
 * computed FROM THE BALLOTS (one aggregation, ballot-totals.ts) with the rule and the eligible
 * households frozen when voting opened (tally.ts), and stored with the move in one conditional
 * write: passed → notice (the notice period chosen when voting opened, default NOTICE_DAYS),
 * failed → ended with the tally kept; a second close finds the step moved on and writes
 * nothing; a person's close is audited; the result is told to the residents of the topic's
 * building (estate) — passed: 公示 until its end; failed: not passed —, not the closer (key
 * `topic:<id>:result:<userId>`), owed on the topic in the move's own write (`outbox.result`,
 * _shared/outbox.ts) and left owed: each resident's message centre delivers their share
 * (ADR 0038), the topic's detail view the rest (store.ts `LEFT_TO_VIEWS`) — the scheduler's close
 * delivers it at once —, with the `topicProgress` subscription message
 * queued for those who consented. Requests: the caller with the topic and its objections (one
 * aggregation, caller.ts), the ballots' totals, the residents (one roles read), the move, the
 * audit entry — 5 (docs/adr/0017).
 */
import { AppError } from '../../../types/errors';
import { stepLabels, type TopicDetail, type TopicIdInput } from '../../../types/deliberation';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import { crashPoint } from '../../_shared/crash-points';
import { batchOf, deliver, owed, owedToInUpdate } from '../../_shared/outbox';
import { residentsOf, type InAppNotice } from '../../_shared/tell-many';
import type { QueuedPush } from '../../../types/subscriptions';
import { formatCst } from '../../../types/time';
import { topicLink } from './add-progress';
import type { Ctx } from '../../_shared/context';
import type { UserDoc } from '../../_shared/documents';
import { requireVisible, whoOf } from './access';
import { ballotTotals } from './ballot-totals';
import { applyMove } from './move';
import { loadCallerAndTopic } from './caller';
import { DAY_MS, ms, NOTICE_DAYS, settlesAt, type TopicDoc } from './store';
import { tally } from './tally';
import { decideMove, type Who } from './transitions';
import { toDetail } from './views';

/** Closes the vote of `topic` as `by` (null = the scheduler); returns the moved topic. */
export async function closeVoteOf(
  ctx: Ctx,
  topic: TopicDoc,
  who: ReadonlySet<Who>,
  by: UserDoc | null,
  { deliverNow = false }: { deliverNow?: boolean } = {},
): Promise<TopicDoc> {
  decideMove(topic.step, 'closeVote', who);
  const vote = topic.vote;
  if (!vote) throw new AppError('PRECONDITION_FAILED', 'topic.no-vote', '该议题没有投票');
  const now = ctx.now();
  if (ms(vote.closesAt) > now.getTime()) {
    throw new AppError('PRECONDITION_FAILED', 'topic.vote-open', '投票尚未截止，截止后才能计票');
  }
  if (now.getTime() < settlesAt(vote)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'topic.vote-settling',
      '投票刚截止，正在等待最后提交的选票入账，请稍后再计票',
    );
  }
  const totals = await ballotTotals(ctx, topic._id);
  const result = tally(
    vote.rule,
    { households: vote.eligibleHouseholds, areaCents: vote.eligibleAreaCents },
    totals,
    now,
  );
  const row = decideMove(topic.step, 'closeVote', who, result.passed ? 'notice' : 'ended');
  const mover = by ? { id: by._id, name: by.name } : { id: null, name: '系统' };
  const noticeEndsAt = new Date(now.getTime() + (topic.vote?.noticeDays ?? NOTICE_DAYS) * DAY_MS);
  const residents = await residentsOf(ctx, topic, by?._id ?? null);
  // Queued with each message: sent by the messages timer to the residents who consented.
  const push: QueuedPush = {
    kind: 'topicProgress',
    values: {
      topicId: topic._id,
      topicTitle: topic.title,
      status: result.passed ? '公示中' : '未通过',
      notice: result.passed ? `公示至${formatCst(noticeEndsAt)}` : '表决未通过，议题终止',
      time: now,
    },
  };
  const notices: InAppNotice[] = residents.map((userId) => ({
    key: `topic:${topic._id}:result:${userId}`,
    userId,
    communityId: topic.communityId,
    kind: 'topic',
    title: result.passed ? '议题表决通过，进入公示' : '议题表决未通过',
    body: result.passed
      ? `议题“${topic.title}”表决通过，公示至${formatCst(noticeEndsAt)}，公示期内可提出异议。`
      : `议题“${topic.title}”表决未通过，议题终止。`,
    link: topicLink(topic._id),
    push,
  }));
  const batch = batchOf(notices);
  const moved = await applyMove(ctx, topic, row, {
    by: mover,
    note: result.explanation,
    paths: { 'vote.tally': result, ...(batch ? { 'outbox.result': batch } : {}) },
    extra: owedToInUpdate(ctx, [batch]),
    set: result.passed
      ? {
          notice: {
            startsAt: now,
            endsAt: noticeEndsAt,
            suspended: false,
            suspendReason: null,
          },
        }
      : { endedReason: '表决未通过' },
  });
  crashPoint('deliberation.closeVote.before-audit');
  // The scheduler, bound by no request budget, tells everyone at once.
  if (deliverNow) await deliver(ctx, Collections.topics, owed(topic._id, 'result', batch));
  const after = { ...moved, vote: { ...vote, tally: result } };
  if (by) {
    await writeAudit(ctx, by, {
      communityId: topic.communityId,
      action: 'deliberation.closeVote',
      targetKind: 'topic',
      targetId: topic._id,
      summary: `结束议题“${topic.title}”的投票并计票，进入「${stepLabels[row.to]}」`,
      before: { step: row.from, rev: topic.rev },
      after: { step: row.to, rev: moved.rev, passed: result.passed },
    });
  }
  return after;
}

export async function closeVote({ ctx, input }: { ctx: Ctx; input: TopicIdInput }): Promise<TopicDetail> {
  const { actor, topic, objections } = await loadCallerAndTopic(ctx, input.topicId, { step: 'vote' });
  // What an earlier act still owes on the topic is delivered first, as every topic read does.
  await deliver(ctx, Collections.topics, topic);
  requireVisible(actor, topic);
  const moved = await closeVoteOf(ctx, topic, whoOf(actor, topic), actor.user);
  return toDetail(ctx, actor, moved, { objections });
}
