/**
 * 议题 (`?id=`): the topic's six steps as a progress bar (an ended topic shows where it stopped
 * and why), its background and photos, the CURRENT step's panel with only the controls the
 * server lists in `allowed` (计票 waits out the vote's settle period, closesAt → settlesAt, with
 * a countdown), the vote result (after closing) with 复核计票, 终止议题 for
 * leaders, and the timeline (China time). Every irreversible act asks first (a modal, or a
 * sheet with the required text). A refusal because the topic moved on is shown and the topic
 * reloaded. Pull to refresh.
 *
 * This screen only loads and composes: each step's panel, sheets and handlers live in its folder
 * (`steps/<step>/step.tsx`), which gets the topic and the screen's ways to finish an act
 * (`common/topic-kit.ts`).
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
import { stepLabels } from '~types/labels/deliberation';
import type { Opinion, TopicDetail } from '~types/deliberation';
import type { AppError } from '~types/errors';
import { StepBar } from './common/step-bar';
import { Countdown } from './common/countdown';
import { currentPeriod, serverNow } from './common/server-clock';
import { TextSheet } from './common/text-sheet';
import type { TopicKit } from './common/topic-kit';
import { CollectStep } from './steps/collect/step';
import { ReviewStep } from './steps/review/step';
import { VoteResult, VoteStep } from './steps/vote/step';
import { NoticeStep } from './steps/notice/step';
import { ExecuteStep } from './steps/execute/step';
import { EvaluateStep } from './steps/evaluate/step';
import { isStale } from '@/shared/use-action';
import { askSubscription } from '@/shared/subscribe';
import { Photos } from '@/shared/ui/photos';
import { Timeline } from '@/shared/ui/timeline';
import { TopicHead } from './topic-card';
import './deliberation.scss';
import { useCurrentUser } from '@/shared/current-user';

export function TopicScreen() {
  const id = pageParam('id') ?? '';
  const loaded = useAsync(() => call('deliberation', 'get', { topicId: id }), [id]);
  const { me } = useCurrentUser();
  const [topic, setTopic] = useState<TopicDetail | undefined>(undefined);
  const [ending, setEnding] = useState(false);
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

  // The current step's period ends (on the server's clock, common/server-clock.ts): the topic is
  // read again, since what the server allows changes (计票 for leaders, no more ballots, 进入执行
  // once 公示 is over). While a closed vote settles the screen counts down each second, and at
  // `settlesAt` the 计票 button comes alive.
  const [tick, setTick] = useState(0);
  const periodEnd = topic ? currentPeriod(topic)?.endsAt : undefined;
  const settlesAt = step === 'vote' ? topic?.vote?.settlesAt : undefined;
  const reloadTopic = loaded.reload;
  const reloadTurnout = turnout.reload;
  useEffect(() => {
    if (!topic || !periodEnd) return undefined;
    const now = serverNow(topic);
    const ends = Date.parse(periodEnd);
    const settles = settlesAt ? Date.parse(settlesAt) : ends;
    const open = now < ends;
    const delay = open ? ends - now + 500 : Math.min(1000, settles - now + 300);
    if (now >= settles || delay > 2 ** 31 - 1) return undefined;
    const timer = setTimeout(() => {
      if (open) void Promise.all([reloadTopic(), reloadTurnout()]);
      setTick((t) => t + 1);
    }, delay);
    return () => clearTimeout(timer);
  }, [topic, periodEnd, settlesAt, tick, reloadTopic, reloadTurnout]);

  if (!id) return <ErrorView message='缺少议题编号，请从议题列表进入' />;
  if (!topic && loaded.loading) return <LoadingView label='正在读取议题…' />;
  if (!topic)
    return <ErrorView error={loaded.error} message={errorMessage(loaded.error)} onRetry={() => void loaded.reload()} />;

  const topicId = topic.id;
  const kit: TopicKit = {
    topic,
    has: (a) => topic.allowed.includes(a),
    done: (next, title, held = false) => {
      // A write whose text the content check could not decide: saved, and said so.
      const newlyHeld = held || next.heldFields.length > (topic?.heldFields.length ?? 0);
      setTopic(next);
      void Taro.showToast(
        newlyHeld ? { title: HELD_NOTICE, icon: 'none', duration: 2500 } : { title, icon: 'success' },
      );
    },
    stale: (e: AppError) => {
      void Taro.showModal({ title: '操作未成功', content: e.message, showCancel: false });
      void reloadAll();
    },
    refused: (e) => {
      if (isStale(e)) kit.stale(e);
      else void Taro.showModal({ title: '操作未成功', content: errorMessage(e), showCancel: false });
    },
    ask: async (title, content, confirmText) =>
      (await Taro.showModal({ title, content, confirmText, confirmColor: '#c8102e', cancelText: '再想想' })).confirm,
  };

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
        <TopicHead topic={topic} />
        <Text className='dlb-topic__title'>{topic.title}</Text>
        <Text className='dlb-hint'>
          发起人 {topic.leaderName} · {formatShanghai(topic.openedAt)}
        </Text>
        <Text className='dlb-topic__bg'>{topic.background}</Text>
        <Photos block='dlb-gallery' photos={topic.photos} testId='topic-photos' />
      </View>

      <StepBar topic={topic} />
      <Countdown topic={topic} />
      {step === 'collect' || step === 'review' ? (
        <View className='dlb-end'>
          <Button
            className='btn btn--plain'
            data-testid='topic-remind-vote'
            onClick={() => {
              askSubscription(['voteOpen']); // in the tap: a WeChat message when the vote opens
              void Taro.showToast({ title: '投票开始时会提醒您', icon: 'none' });
            }}
          >
            订阅投票提醒
          </Button>
        </View>
      ) : null}

      {step === 'collect' ? <CollectStep kit={kit} opinions={opinions} /> : null}
      {step === 'review' ? <ReviewStep kit={kit} opinions={opinions.items} roles={me.data?.roles ?? []} /> : null}
      {step === 'vote' && topic.vote ? (
        <VoteStep
          kit={kit}
          turnout={turnout.data}
          turnoutError={!!turnout.error}
          onVoted={() => Promise.all([loaded.reload(), turnout.reload()])}
        />
      ) : null}
      <VoteResult kit={kit} />
      {topic.notice && (step === 'notice' || step === 'ended') ? <NoticeStep kit={kit} /> : null}
      {showExecution ? <ExecuteStep kit={kit} /> : null}
      {showEvaluation ? <EvaluateStep kit={kit} /> : null}

      {kit.has('end') ? (
        <View className='dlb-end'>
          <Button className='btn btn--plain' data-testid='topic-end' onClick={() => setEnding(true)}>
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

      {ending ? (
        <TextSheet
          title='终止议题'
          label='终止原因（居民可见）'
          placeholder='例如：经协商，居民同意暂缓此事'
          confirmText='确认终止'
          intro='终止后议题不能再推进，已有的记录会保留。此操作会记入审计日志。'
          danger
          testId='end-reason'
          onCancel={() => setEnding(false)}
          onStale={(e) => {
            setEnding(false);
            kit.stale(e);
          }}
          onSubmit={async (reason) => {
            const next = await call('deliberation', 'end', { topicId, reason });
            setEnding(false);
            kit.done(next, '议题已终止');
          }}
        />
      ) : null}
    </View>
  );
}
