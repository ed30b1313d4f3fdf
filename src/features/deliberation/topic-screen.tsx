/**
 * 议题 (`?id=`): the topic's six steps as a progress bar (an ended topic shows where it stopped
 * and why), its background and photos, the CURRENT step's panel with only the controls the
 * server lists in `allowed` (计票 waits out the vote's settle period, closesAt → settlesAt, with
 * a countdown), the vote result (after closing) with 复核计票, 终止议题 for
 * leaders, and the timeline (China time). Every irreversible act asks first (a modal, or a
 * sheet with the required text). A refusal because the topic moved on is shown and the topic
 * reloaded. Pull to refresh.
 */
import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { HELD_NOTICE, HELD_TAG } from '@/shared/held';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { pageParam } from '@/shared/page-params';
import { useAsync } from '@/shared/use-async';
import { usePaged } from '@/shared/use-paged';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { Role } from '~types/account';
import { choiceLabels, stepLabels, type ReviewBody, type Choice, REVIEW_BODIES } from '~types/labels/deliberation';
import type { Opinion, TopicDetail } from '~types/deliberation';
import type { AppError } from '~types/errors';
import { StepBar } from './common/step-bar';
import { TextSheet } from './common/text-sheet';
import { CollectPanel } from './steps/collect/panel';
import { OpinionSheet } from './steps/collect/sheets';
import { ReviewPanel } from './steps/review/panel';
import { ProposalSheet, ReviewSheet } from './steps/review/sheets';
import { ResultCard, VotePanel } from './steps/vote/panel';
import { VoteSheet } from './steps/vote/sheets';
import { NoticePanel } from './steps/notice/panel';
import { ExecutePanel } from './steps/execute/panel';
import { ExecuteSheet, ProgressSheet } from './steps/execute/sheets';
import { EvaluatePanel } from './steps/evaluate/panel';
import { EvaluateSheet, RateSheet } from './steps/evaluate/sheets';
import { isStale } from '@/shared/use-action';
import { Photos } from '@/shared/ui/photos';
import { Timeline } from '@/shared/ui/timeline';
import { StepBadge } from './topic-card';
import './deliberation.scss';
import { useCurrentUser } from '@/shared/current-user';

type SheetKind =
  | { kind: 'end' | 'opinion' | 'proposal' | 'review' | 'vote' | 'objection' | 'suspend' | 'lift' }
  | { kind: 'execute' | 'evaluate' | 'progress' | 'rate' }
  | { kind: 'answer'; objectionId: string };

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

export function TopicScreen() {
  const id = pageParam('id') ?? '';
  const loaded = useAsync(() => call('deliberation', 'get', { topicId: id }), [id]);
  const { me } = useCurrentUser();
  const [topic, setTopic] = useState<TopicDetail | undefined>(undefined);
  const [sheet, setSheet] = useState<SheetKind | null>(null);
  const [recheck, setRecheck] = useState<'idle' | 'busy' | 'equal' | 'different'>('idle');
  useEffect(() => {
    if (loaded.data) setTopic(loaded.data);
  }, [loaded.data]);

  const step = topic?.step;
  const opinions = usePaged(
    (cursor) =>
      id
        ? call('deliberation', 'listOpinions', {
            topicId: id,
            sort: 'support',
            limit: 20,
            ...(cursor !== undefined ? { cursor } : {}),
          })
        : Promise.resolve({ items: [] as Opinion[], nextCursor: null }),
    [id],
  );
  const turnout = useAsync(
    () => (id && step === 'vote' ? call('deliberation', 'turnout', { topicId: id }) : Promise.resolve(undefined)),
    [id, step],
  );

  const reloadAll = async () => {
    await Promise.all([loaded.reload(), opinions.refresh(), turnout.reload()]);
  };
  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh());
  });

  // The vote's two instants, from the data: when the window closes the topic is read again (the
  // server's `allowed` changes: no more ballots, 计票 for leaders); while the vote settles the
  // screen counts down each second, and at `settlesAt` the 计票 button comes alive.
  const [tick, setTick] = useState(0);
  const closesAt = step === 'vote' ? topic?.vote?.closesAt : undefined;
  const settlesAt = step === 'vote' ? topic?.vote?.settlesAt : undefined;
  const reloadTopic = loaded.reload;
  const reloadTurnout = turnout.reload;
  useEffect(() => {
    if (!closesAt || !settlesAt) return undefined;
    const closes = Date.parse(closesAt);
    const settles = Date.parse(settlesAt);
    const now = Date.now();
    const open = now < closes;
    const delay = open ? closes - now + 500 : Math.min(1000, settles - now + 300);
    if (now >= settles || delay > 2 ** 31 - 1) return undefined;
    const timer = setTimeout(() => {
      if (open) void Promise.all([reloadTopic(), reloadTurnout()]);
      setTick((t) => t + 1);
    }, delay);
    return () => clearTimeout(timer);
  }, [closesAt, settlesAt, tick, reloadTopic, reloadTurnout]);

  if (!id) return <ErrorView message='缺少议题编号，请从议题列表进入' />;
  if (!topic && loaded.loading) return <LoadingView label='正在读取议题…' />;
  if (!topic) return <ErrorView message={errorMessage(loaded.error)} onRetry={() => void loaded.reload()} />;

  const has = (a: TopicDetail['allowed'][number]) => topic.allowed.includes(a);
  const topicId = topic.id;

  const done = (next: TopicDetail, title: string, held = false) => {
    // A write whose text the content check could not decide: saved, and said so.
    const newlyHeld = held || next.heldFields.length > (topic?.heldFields.length ?? 0);
    setTopic(next);
    setSheet(null);
    void Taro.showToast(newlyHeld ? { title: HELD_NOTICE, icon: 'none', duration: 2500 } : { title, icon: 'success' });
  };
  /** The topic moved on under us: say so, and show it as it is now. */
  const stale = (e: AppError) => {
    setSheet(null);
    void Taro.showModal({ title: '操作未成功', content: e.message, showCancel: false });
    void reloadAll();
  };
  const refused = (e: unknown) => {
    if (isStale(e)) stale(e);
    else void Taro.showModal({ title: '操作未成功', content: errorMessage(e), showCancel: false });
  };
  const ask = async (title: string, content: string, confirmText: string) =>
    (await Taro.showModal({ title, content, confirmText, confirmColor: '#c8102e', cancelText: '再想想' })).confirm;
  const get = () => call('deliberation', 'get', { topicId });

  const support = async (o: Opinion) => {
    try {
      const next = await call('deliberation', 'supportOpinion', { opinionId: o.id });
      opinions.update((x) => x.id === o.id, next);
      void Taro.showToast({ title: '已支持', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '操作未成功', content: errorMessage(e), showCancel: false });
      void opinions.refresh();
    }
  };
  const toReview = async () => {
    if (!(await ask('结束收集', '结束意见收集并进入联审？之后居民不能再发表意见。', '进入联审'))) return;
    try {
      done(await call('deliberation', 'advance', { topicId, to: 'review' }), '已进入联审');
    } catch (e) {
      refused(e);
    }
  };
  const ballot = async (choice: Choice) => {
    if (!(await ask('确认投票', `您家投「${choiceLabels[choice]}」。每户一票，提交后不可更改。`, '确认投票'))) return;
    try {
      await call('deliberation', 'castBallot', { topicId, choice });
      void Taro.showToast({ title: '投票成功', icon: 'success' });
      await Promise.all([loaded.reload(), turnout.reload()]);
    } catch (e) {
      refused(e);
    }
  };
  const closeVote = async () => {
    if (!(await ask('结束表决', '结束表决并按规则计票？通过后进入公示，未通过则议题终止。', '结束计票'))) return;
    try {
      const next = await call('deliberation', 'closeVote', { topicId });
      done(next, next.vote?.tally?.passed ? '表决通过' : '已计票');
    } catch (e) {
      refused(e);
    }
  };
  const recompute = async () => {
    setRecheck('busy');
    try {
      const res = await call('deliberation', 'recomputeTally', { topicId });
      setRecheck(res.equal ? 'equal' : 'different');
    } catch (e) {
      setRecheck('idle');
      refused(e);
    }
  };
  const archive = async () => {
    if (!(await ask('归档议题', '归档后议题结束，不能再评价或修改。确定归档吗？', '归档'))) return;
    try {
      done(await call('deliberation', 'advance', { topicId, to: 'archived' }), '已归档');
    } catch (e) {
      refused(e);
    }
  };

  const latest = topic.proposals.at(-1);
  const cancel = () => setSheet(null);
  const tally = topic.vote?.tally ?? null;
  const showExecution =
    !!topic.execution && (step === 'execute' || step === 'evaluate' || step === 'archived' || step === 'ended');
  const showEvaluation = !!topic.evaluation && (step === 'evaluate' || step === 'archived' || step === 'ended');

  return (
    <View className='screen dlb-topic' data-testid='topic-detail'>
      {topic.heldFields.length > 0 ? (
        <View className='held-notice' data-testid='held-notice'>
          {HELD_TAG}：{topic.heldFields.map((h) => h.label).join('、')}。审核通过前仅作者和审核人可见。
        </View>
      ) : null}
      <View className='card dlb-topic__main'>
        <View className='dlb-card__head'>
          <Text className='dlb-card__scope'>{topic.scopeLabel}</Text>
          <StepBadge step={topic.step} />
        </View>
        <Text className='dlb-topic__title'>{topic.title}</Text>
        <Text className='dlb-hint'>
          发起人 {topic.leaderName} · {formatShanghai(topic.openedAt)}
        </Text>
        <Text className='dlb-topic__bg'>{topic.background}</Text>
        <Photos block='dlb-gallery' photos={topic.photos} testId='topic-photos' />
      </View>

      <StepBar topic={topic} />

      {step === 'collect' ? (
        <CollectPanel
          topic={topic}
          opinions={opinions}
          has={has}
          onPost={() => setSheet({ kind: 'opinion' })}
          onSupport={(o) => void support(o)}
          onAdvance={() => void toReview()}
        />
      ) : null}
      {step === 'review' ? (
        <ReviewPanel
          topic={topic}
          opinions={opinions.items}
          has={has}
          onDraft={() => setSheet({ kind: 'proposal' })}
          onReview={() => setSheet({ kind: 'review' })}
          onVote={() => setSheet({ kind: 'vote' })}
        />
      ) : null}
      {step === 'vote' && topic.vote ? (
        <VotePanel
          topic={topic}
          turnout={turnout.data}
          turnoutError={!!turnout.error}
          has={has}
          onBallot={(c) => void ballot(c)}
          onClose={() => void closeVote()}
        />
      ) : null}
      {tally ? <ResultCard tally={tally} recheck={recheck} onRecheck={() => void recompute()} /> : null}
      {topic.notice && (step === 'notice' || step === 'ended') ? (
        <NoticePanel
          topic={topic}
          has={has}
          onObject={() => setSheet({ kind: 'objection' })}
          onAnswer={(objectionId) => setSheet({ kind: 'answer', objectionId })}
          onSuspend={() => setSheet({ kind: 'suspend' })}
          onLift={() => setSheet({ kind: 'lift' })}
          onExecute={() => setSheet({ kind: 'execute' })}
        />
      ) : null}
      {showExecution ? (
        <ExecutePanel
          topic={topic}
          has={has}
          onProgress={() => setSheet({ kind: 'progress' })}
          onEvaluate={() => setSheet({ kind: 'evaluate' })}
        />
      ) : null}
      {showEvaluation ? (
        <EvaluatePanel
          topic={topic}
          has={has}
          onRate={() => setSheet({ kind: 'rate' })}
          onArchive={() => void archive()}
        />
      ) : null}

      {has('end') ? (
        <View className='dlb-end'>
          <Button className='btn btn--plain' data-testid='topic-end' onClick={() => setSheet({ kind: 'end' })}>
            终止议题
          </Button>
        </View>
      ) : null}

      <Text className='section-title'>议事记录</Text>
      <Timeline
        block='dlb-timeline'
        testId='topic-timeline'
        entries={topic.history.map((h) => ({
          what: `${h.from ? `${stepLabels[h.from]} → ` : '发起 → '}${stepLabels[h.to]}`,
          at: h.at,
          byName: h.byName,
          note: h.note,
        }))}
      />

      {sheet?.kind === 'end' ? (
        <TextSheet
          title='终止议题'
          label='终止原因（居民可见）'
          placeholder='例如：经协商，居民同意暂缓此事'
          confirmText='确认终止'
          intro='终止后议题不能再推进，已有的记录会保留。此操作会记入审计日志。'
          danger
          testId='end-reason'
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (reason) => done(await call('deliberation', 'end', { topicId, reason }), '议题已终止')}
        />
      ) : null}
      {sheet?.kind === 'opinion' ? (
        <OpinionSheet
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (text, photos) => {
            const posted = await call('deliberation', 'postOpinion', { topicId, text, photos });
            setSheet(null);
            void Taro.showToast(
              posted.held
                ? { title: HELD_NOTICE, icon: 'none', duration: 2500 }
                : { title: '意见已发表', icon: 'success' },
            );
            await opinions.refresh();
          }}
        />
      ) : null}
      {sheet?.kind === 'proposal' ? (
        <ProposalSheet
          opinions={opinions.items}
          initial={latest ? { text: latest.text, answers: latest.answersOpinionIds } : null}
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (text, answersOpinionIds) =>
            done(await call('deliberation', 'draftProposal', { topicId, text, answersOpinionIds }), '方案已提交')
          }
        />
      ) : null}
      {sheet?.kind === 'review' ? (
        <ReviewSheet
          bodies={bodiesOf(me.data?.roles ?? [], topic).filter((b) => !latest?.reviews.some((r) => r.body === b))}
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (body, verdict, comment) =>
            done(await call('deliberation', 'recordReview', { topicId, body, verdict, comment }), '已记录')
          }
        />
      ) : null}
      {sheet?.kind === 'vote' ? (
        <VoteSheet
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (rule, closesAt) =>
            done(await call('deliberation', 'advance', { topicId, to: 'vote', rule, closesAt }), '表决已开始')
          }
        />
      ) : null}
      {sheet?.kind === 'objection' ? (
        <TextSheet
          title='提出异议'
          label='异议内容'
          placeholder='写明您对公示内容的异议'
          confirmText='提交异议'
          intro='负责人会逐条答复；所有异议答复后才能进入执行。'
          min={5}
          max={500}
          testId='objection-text'
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (text) => {
            const lodged = await call('deliberation', 'lodgeObjection', { topicId, text });
            done(await get(), '异议已提交', lodged.held);
          }}
        />
      ) : null}
      {sheet?.kind === 'answer' ? (
        <TextSheet
          title='答复异议'
          label='答复内容（居民可见）'
          placeholder='针对异议说明情况或处理办法'
          confirmText='提交答复'
          max={500}
          testId='objection-answer-text'
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (answer) => {
            const answered = await call('deliberation', 'answerObjection', {
              topicId,
              objectionId: sheet.objectionId,
              answer,
            });
            done(await get(), '已答复', answered.held);
          }}
        />
      ) : null}
      {sheet?.kind === 'suspend' ? (
        <TextSheet
          title='暂停公示'
          label='暂停原因（居民可见）'
          placeholder='例如：费用测算需要核实'
          confirmText='暂停公示'
          intro='暂停期间议题不能进入执行。此操作会记入审计日志。'
          danger
          testId='suspend-reason'
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (reason) => done(await call('deliberation', 'suspendNotice', { topicId, reason }), '已暂停')}
        />
      ) : null}
      {sheet?.kind === 'lift' ? (
        <TextSheet
          title='恢复公示'
          label='恢复原因'
          placeholder='例如：已核实无误'
          confirmText='恢复公示'
          testId='lift-reason'
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (reason) => done(await call('deliberation', 'liftSuspension', { topicId, reason }), '已恢复')}
        />
      ) : null}
      {sheet?.kind === 'execute' ? (
        <ExecuteSheet
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (executor, dueDate) =>
            done(await call('deliberation', 'advance', { topicId, to: 'execute', executor, dueDate }), '已进入执行')
          }
        />
      ) : null}
      {sheet?.kind === 'progress' ? (
        <ProgressSheet
          last={topic.execution?.progress.at(-1)?.percent ?? 0}
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (percent, note, photos) =>
            done(await call('deliberation', 'addProgress', { topicId, percent, note, photos }), '进度已更新')
          }
        />
      ) : null}
      {sheet?.kind === 'evaluate' ? (
        <EvaluateSheet
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (endsAt) =>
            done(await call('deliberation', 'advance', { topicId, to: 'evaluate', endsAt }), '已进入评估')
          }
        />
      ) : null}
      {sheet?.kind === 'rate' ? (
        <RateSheet
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (score, comment) =>
            done(await call('deliberation', 'rate', { topicId, score, comment }), '感谢您的评价')
          }
        />
      ) : null}
    </View>
  );
}
