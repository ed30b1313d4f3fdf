/**
 * The parts of a topic page: the six-step progress bar, the photos, each step's panel (only the
 * controls the server lists in `allowed`), the vote result with 复核计票, and the timeline.
 * Panels are presentational: they call back to the screen, which owns the sheets and the calls.
 */
import { Button, Text, View } from '@tarojs/components';
import { HELD_TAG } from '@/shared/held';
import { formatShanghai } from '@/shared/format-time';
import type { PagedState } from '@/shared/use-paged';
import {
  choiceLabels,
  reviewBodyLabels,
  SIX_STEPS,
  stepLabels,
  verdictLabels,
  voteRuleLabels,
  type Choice,
  type Step,
  type VoteRule,
  REVIEW_BODIES,
} from '~types/labels/deliberation';
import type { Opinion, Tally, TopicAction, TopicDetail, Turnout } from '~types/deliberation';
import { ruleExplanations } from './sheets';
import { Photos } from '@/shared/ui/photos';
import { Stars } from '@/shared/ui/stars';

/** Where an ended topic stopped: the step it left for 已终止. */
function stoppedAt(topic: TopicDetail): Step | null {
  if (topic.step !== 'ended') return null;
  return [...topic.history].reverse().find((h) => h.to === 'ended')?.from ?? null;
}

export function StepBar({ topic }: { topic: TopicDetail }) {
  const stopped = stoppedAt(topic);
  const current = topic.step === 'archived' ? SIX_STEPS.length : SIX_STEPS.indexOf((stopped ?? topic.step) as never);
  return (
    <View className='card dlb-steps' data-testid='topic-steps'>
      <View className='dlb-steps__row'>
        {SIX_STEPS.map((s, i) => {
          const state = i < current ? 'done' : i === current ? (stopped ? 'stopped' : 'current') : 'upcoming';
          return (
            <View key={s} className={`dlb-steps__item is-${state}`} data-testid={`step-${s}`} data-state={state}>
              <View className='dlb-steps__dot'>{state === 'done' ? '✓' : state === 'stopped' ? '✕' : i + 1}</View>
              <Text className='dlb-steps__label'>{stepLabels[s]}</Text>
            </View>
          );
        })}
      </View>
      {topic.step === 'archived' ? <Text className='dlb-steps__note is-done'>六步议事已完成，议题已归档</Text> : null}
      {topic.step === 'ended' ? (
        <Text className='dlb-steps__note is-ended' data-testid='topic-ended'>
          议题已在「{stopped ? stepLabels[stopped] : '—'}」终止：{topic.endedReason ?? '未说明原因'}
        </Text>
      ) : null}
    </View>
  );
}

/** A leader's move, or a hint why it is not yet possible. */
function LeaderButton({
  show,
  text,
  onClick,
  testId,
  disabledHint,
  hintTestId,
}: {
  show: boolean;
  text: string;
  onClick: () => void;
  testId: string;
  disabledHint?: string | null;
  hintTestId?: string;
}) {
  if (!show) return null;
  return (
    <View className='dlb-leader'>
      <Text className='dlb-leader__tag'>负责人操作</Text>
      {disabledHint ? (
        <Text className='dlb-hint' data-testid={hintTestId}>
          {disabledHint}
        </Text>
      ) : null}
      <Button
        className='btn btn--primary'
        disabled={!!disabledHint || undefined}
        data-testid={testId}
        onClick={disabledHint ? undefined : onClick}
      >
        {text}
      </Button>
    </View>
  );
}

// ---- 意见收集 ---------------------------------------------------------------------------

export function CollectPanel({
  topic,
  opinions,
  has,
  onPost,
  onSupport,
  onAdvance,
}: {
  topic: TopicDetail;
  opinions: PagedState<Opinion>;
  has: (a: TopicAction) => boolean;
  onPost: () => void;
  onSupport: (o: Opinion) => void;
  onAdvance: () => void;
}) {
  const live = topic.step === 'collect';
  return (
    <View className='card dlb-panel' data-testid='panel-collect'>
      <Text className='dlb-panel__title'>居民意见</Text>
      {live ? <Text className='dlb-hint'>收集截止：{formatShanghai(topic.collectEndsAt)}（按支持数排序）</Text> : null}
      {has('postOpinion') ? (
        <Button className='btn btn--primary' data-testid='opinion-post' onClick={onPost}>
          发表意见
        </Button>
      ) : null}
      {opinions.loading && opinions.items.length === 0 ? <Text className='dlb-hint'>正在读取意见…</Text> : null}
      {opinions.error ? <Text className='dlb-error'>意见读取失败，请下拉刷新</Text> : null}
      {!opinions.loading && !opinions.error && opinions.items.length === 0 ? (
        <Text className='dlb-empty'>还没有意见{live ? '，欢迎第一个发表' : ''}</Text>
      ) : null}
      {opinions.items.map((o, i) => (
        <View key={o.id} className='dlb-opinion' data-testid='opinion'>
          <View className='dlb-opinion__head'>
            <Text className='dlb-opinion__rank'>{i + 1}</Text>
            <Text className='dlb-opinion__who'>{o.authorName}</Text>
            <Text className='dlb-opinion__time'>{formatShanghai(o.createdAt)}</Text>
          </View>
          <Text className='dlb-opinion__text'>
            {o.text}
            {o.held ? <Text className='held-tag'>{HELD_TAG}</Text> : null}
          </Text>
          <Photos block='dlb-gallery' photos={o.photos} />
          <View className='dlb-opinion__foot'>
            <Text className='dlb-opinion__count' data-testid='opinion-support-count'>
              {o.supportCount} 人支持
            </Text>
            {live && has('postOpinion') ? (
              o.supportedByMe ? (
                <Text className='dlb-opinion__supported'>已支持</Text>
              ) : (
                <Button
                  className='btn btn--ghost btn--small'
                  data-testid='opinion-support'
                  onClick={() => onSupport(o)}
                >
                  支持
                </Button>
              )
            ) : null}
          </View>
        </View>
      ))}
      {opinions.hasMore ? (
        <Button className='btn btn--plain' onClick={() => void opinions.loadMore()}>
          {opinions.loadingMore ? '加载中…' : '更多意见'}
        </Button>
      ) : null}
      <LeaderButton
        show={live && has('advance')}
        text='结束收集，进入联审'
        testId='advance-review'
        onClick={onAdvance}
      />
    </View>
  );
}

// ---- 联审 ----------------------------------------------------------------------------

const verdictTone = { agree: 'ok', agree_with_changes: 'warn', disagree: 'bad' } as const;

export function ReviewPanel({
  topic,
  opinions,
  has,
  onDraft,
  onReview,
  onVote,
}: {
  topic: TopicDetail;
  opinions: Opinion[];
  has: (a: TopicAction) => boolean;
  onDraft: () => void;
  onReview: () => void;
  onVote: () => void;
}) {
  const live = topic.step === 'review';
  const versions = [...topic.proposals].reverse();
  const latest = versions[0];
  const textOf = (id: string) => opinions.find((o) => o.id === id)?.text ?? '（意见）';
  return (
    <View className='card dlb-panel' data-testid='panel-review'>
      <Text className='dlb-panel__title'>方案与联审</Text>
      {versions.length === 0 ? <Text className='dlb-empty'>负责人尚未起草方案</Text> : null}
      {versions.map((p, i) => (
        <View key={p.version} className={`dlb-proposal ${i > 0 ? 'is-old' : ''}`} data-testid='proposal'>
          <View className='dlb-proposal__head'>
            <Text className='dlb-proposal__version'>
              第 {p.version} 版{i === 0 ? '（当前）' : ''}
            </Text>
            <Text
              className={`dlb-proposal__state ${p.passed === true ? 'is-ok' : p.passed === false ? 'is-bad' : ''}`}
              data-testid='proposal-state'
            >
              {p.passed === true ? '联审通过' : p.passed === false ? '联审未通过' : '审议中'}
            </Text>
          </View>
          <Text className='dlb-proposal__text'>{p.text}</Text>
          <Text className='dlb-hint'>起草于 {formatShanghai(p.draftedAt)}</Text>
          {p.answersOpinionIds.length > 0 ? (
            <View className='dlb-proposal__answers'>
              <Text className='dlb-proposal__answers-title'>回应的意见：</Text>
              {p.answersOpinionIds.map((id) => (
                <Text key={id} className='dlb-proposal__answer'>
                  · {textOf(id)}
                </Text>
              ))}
            </View>
          ) : null}
          <View className='dlb-reviews'>
            {REVIEW_BODIES.map((b) => {
              const r = p.reviews.find((x) => x.body === b);
              return (
                <View key={b} className='dlb-review' data-testid={`review-${b}`}>
                  <View className='dlb-review__head'>
                    <Text className='dlb-review__body'>{reviewBodyLabels[b]}</Text>
                    <Text className={`dlb-review__verdict ${r ? `is-${verdictTone[r.verdict]}` : ''}`}>
                      {r ? verdictLabels[r.verdict] : '待审议'}
                    </Text>
                  </View>
                  {r ? (
                    <Text className='dlb-review__meta'>
                      {r.byName}
                      {r.dualPost ? '（支部书记、业委会主任一肩挑）' : ''} · {formatShanghai(r.at)}
                      {r.comment ? `：${r.comment}` : ''}
                    </Text>
                  ) : null}
                </View>
              );
            })}
          </View>
        </View>
      ))}
      {live && has('recordReview') ? (
        <Button className='btn btn--primary' data-testid='review-record' onClick={onReview}>
          记录审议意见
        </Button>
      ) : null}
      {live && has('draftProposal') ? (
        <View className='dlb-leader'>
          <Text className='dlb-leader__tag'>负责人操作</Text>
          <Button className='btn btn--ghost' data-testid='proposal-draft' onClick={onDraft}>
            {latest ? '修改方案' : '起草方案'}
          </Button>
        </View>
      ) : null}
      <LeaderButton
        show={live && has('advance')}
        text='发起表决'
        testId='advance-vote'
        onClick={onVote}
        disabledHint={latest?.passed === true ? null : '当前方案通过联审（四方审议，不同意不超过一方）后才能发起表决'}
      />
    </View>
  );
}

// ---- 决议 ----------------------------------------------------------------------------

const need: Record<VoteRule, number> = { simple: 1 / 2, civil_ordinary: 2 / 3, civil_major: 2 / 3 };
const fmtArea = (a: number) => (Math.round(a * 100) / 100).toString();

function Meter({
  label,
  part,
  whole,
  unit,
  threshold,
}: {
  label: string;
  part: number;
  whole: number;
  unit: string;
  threshold: number;
}) {
  const share = whole > 0 ? part / whole : 0;
  const counted = threshold > 0;
  const met = counted && whole > 0 && part >= whole * threshold;
  return (
    <View className='dlb-meter'>
      <View className='dlb-meter__head'>
        <Text className='dlb-meter__label'>{label}</Text>
        <Text className={`dlb-meter__value ${met ? 'is-met' : ''}`}>
          {unit === '户' ? part : fmtArea(part)}/{unit === '户' ? whole : fmtArea(whole)} {unit}（
          {(share * 100).toFixed(1)}%）
        </Text>
      </View>
      <View className='dlb-meter__bar'>
        <View
          className={`dlb-meter__fill ${met ? 'is-met' : ''}`}
          style={{ width: `${Math.min(100, share * 100)}%` }}
        />
        {counted ? <View className='dlb-meter__mark' style={{ left: `${threshold * 100}%` }} /> : null}
      </View>
      <Text className='dlb-hint'>
        {counted
          ? `参与门槛 ${threshold === 0.5 ? '二分之一' : '三分之二'}${met ? '，已达到' : '，尚未达到'}`
          : '简单多数只看户数，面积仅供参考'}
      </Text>
    </View>
  );
}

export function TurnoutMeter({ turnout, rule }: { turnout: Turnout; rule: VoteRule }) {
  return (
    <View className='dlb-turnout' data-testid='turnout'>
      <Meter
        label='参与户数'
        part={turnout.votedHouseholds}
        whole={turnout.eligibleHouseholds}
        unit='户'
        threshold={need[rule]}
      />
      <Meter
        label='参与面积'
        part={turnout.votedArea}
        whole={turnout.eligibleArea}
        unit='㎡'
        threshold={rule === 'simple' ? 0 : need[rule]}
      />
    </View>
  );
}

export function VotePanel({
  topic,
  turnout,
  turnoutError,
  has,
  onBallot,
  onClose,
}: {
  topic: TopicDetail;
  turnout: Turnout | undefined;
  turnoutError: boolean;
  has: (a: TopicAction) => boolean;
  onBallot: (c: Choice) => void;
  onClose: () => void;
}) {
  const vote = topic.vote!;
  const now = Date.now();
  const over = Date.parse(vote.closesAt) <= now;
  // The settle period (docs/adr/0009): the last ballots let in before closesAt may still be
  // landing, so the server refuses a close until settlesAt; the screen re-renders at the end.
  const settleLeft = Math.ceil((Date.parse(vote.settlesAt) - now) / 1000);
  const settling = over && settleLeft > 0;
  return (
    <View className='card dlb-panel' data-testid='panel-vote'>
      <Text className='dlb-panel__title'>居民表决</Text>
      <Text className='dlb-rule'>计票规则：{voteRuleLabels[vote.rule]}</Text>
      <Text className='dlb-hint'>{ruleExplanations[vote.rule]}</Text>
      <Text className='dlb-hint'>
        投票时间：{formatShanghai(vote.opensAt)} 至 {formatShanghai(vote.closesAt)}
      </Text>
      {turnout ? <TurnoutMeter turnout={turnout} rule={vote.rule} /> : null}
      {turnoutError ? <Text className='dlb-error'>参与情况读取失败，请下拉刷新</Text> : null}
      <Text className='dlb-hint'>投票截止前不公布票数，只公布参与情况。</Text>
      {turnout?.myHouseholdVoted ? (
        <View className='dlb-voted' data-testid='ballot-voted'>
          您家已投票
        </View>
      ) : null}
      {has('castBallot') ? (
        <View className='dlb-ballot' data-testid='ballot'>
          <Text className='dlb-ballot__title'>您家的一票</Text>
          <View className='dlb-ballot__row'>
            {(['agree', 'oppose', 'abstain'] as const).map((c) => (
              <Button
                key={c}
                className={`btn dlb-ballot__btn dlb-ballot__btn--${c}`}
                data-testid={`ballot-${c}`}
                onClick={() => onBallot(c)}
              >
                {choiceLabels[c]}
              </Button>
            ))}
          </View>
          <Text className='dlb-hint'>每户一票，提交后不可更改</Text>
        </View>
      ) : null}
      {!has('castBallot') && !turnout?.myHouseholdVoted && over ? (
        <Text className='dlb-hint'>投票已截止，等待负责人结束表决并计票。</Text>
      ) : null}
      <LeaderButton
        show={has('closeVote')}
        text='结束表决并计票'
        testId='vote-close'
        onClick={onClose}
        disabledHint={settling ? `投票刚截止，正在等待最后的选票入账（约 ${settleLeft} 秒），之后即可计票。` : null}
        hintTestId='vote-settling'
      />
    </View>
  );
}

export function ResultCard({
  tally,
  recheck,
  onRecheck,
}: {
  tally: Tally;
  recheck: 'idle' | 'busy' | 'equal' | 'different';
  onRecheck: () => void;
}) {
  return (
    <View className='card dlb-panel' data-testid='vote-result'>
      <View className='dlb-result__head'>
        <Text className='dlb-panel__title'>表决结果</Text>
        <Text className={`dlb-result__verdict ${tally.passed ? 'is-ok' : 'is-bad'}`} data-testid='vote-verdict'>
          {tally.passed ? '通过' : '未通过'}
        </Text>
      </View>
      <View className='dlb-result__grid'>
        <Text>同意 {tally.agreeHouseholds} 户</Text>
        <Text>反对 {tally.opposeHouseholds} 户</Text>
        <Text>弃权 {tally.abstainHouseholds} 户</Text>
      </View>
      <Text className='dlb-result__explain'>{tally.explanation}</Text>
      <Text className='dlb-hint'>计票时间：{formatShanghai(tally.computedAt)}</Text>
      <View className='dlb-result__recheck'>
        <Button
          className='btn btn--ghost btn--small'
          loading={recheck === 'busy' || undefined}
          data-testid='vote-recheck'
          onClick={onRecheck}
        >
          复核计票
        </Button>
        {recheck === 'equal' ? (
          <Text className='dlb-result__same' data-testid='vote-recheck-result'>
            ✓ 复核一致
          </Text>
        ) : null}
        {recheck === 'different' ? (
          <Text className='dlb-error' data-testid='vote-recheck-result'>
            复核结果与存档不一致，请联系社区
          </Text>
        ) : null}
      </View>
    </View>
  );
}

// ---- 公示 ----------------------------------------------------------------------------

export function NoticePanel({
  topic,
  has,
  onObject,
  onAnswer,
  onSuspend,
  onLift,
  onExecute,
}: {
  topic: TopicDetail;
  has: (a: TopicAction) => boolean;
  onObject: () => void;
  onAnswer: (objectionId: string) => void;
  onSuspend: () => void;
  onLift: () => void;
  onExecute: () => void;
}) {
  const notice = topic.notice!;
  const live = topic.step === 'notice';
  const running = Date.parse(notice.endsAt) > Date.now();
  const open = notice.objections.filter((o) => o.answer === null).length;
  return (
    <View className='card dlb-panel' data-testid='panel-notice'>
      <Text className='dlb-panel__title'>公示</Text>
      <Text className='dlb-hint'>
        公示期：{formatShanghai(notice.startsAt)} 至 {formatShanghai(notice.endsAt)}
      </Text>
      {notice.suspended ? (
        <View className='dlb-banner is-warn' data-testid='notice-suspended'>
          监事会已暂停公示：{notice.suspendReason}
        </View>
      ) : null}
      <Text className='dlb-sub'>异议（{notice.objections.length}）</Text>
      {notice.objections.length === 0 ? <Text className='dlb-empty'>暂无异议</Text> : null}
      {notice.objections.map((o) => (
        <View key={o.id} className='dlb-objection' data-testid='objection'>
          <Text className='dlb-objection__who'>
            {o.authorName} · {formatShanghai(o.createdAt)}
          </Text>
          <Text className='dlb-objection__text'>
            {o.text}
            {o.held ? <Text className='held-tag'>{HELD_TAG}</Text> : null}
          </Text>
          {o.answer ? (
            <View className='dlb-objection__answer' data-testid='objection-answer'>
              <Text>答复：{o.answer}</Text>
              <Text className='dlb-hint'>{formatShanghai(o.answeredAt)}</Text>
            </View>
          ) : live && has('answerObjection') ? (
            <Button className='btn btn--ghost btn--small' data-testid='objection-reply' onClick={() => onAnswer(o.id)}>
              答复
            </Button>
          ) : (
            <Text className='dlb-hint'>待负责人答复</Text>
          )}
        </View>
      ))}
      {live && has('lodgeObjection') ? (
        <Button className='btn btn--ghost' data-testid='objection-lodge' onClick={onObject}>
          提出异议
        </Button>
      ) : null}
      {live && has('suspendNotice') ? (
        <Button className='btn btn--plain' data-testid='notice-suspend' onClick={onSuspend}>
          暂停公示（监事会）
        </Button>
      ) : null}
      {live && has('liftSuspension') ? (
        <Button className='btn btn--plain' data-testid='notice-lift' onClick={onLift}>
          恢复公示（监事会）
        </Button>
      ) : null}
      <LeaderButton
        show={live && has('advance')}
        text='进入执行'
        testId='advance-execute'
        onClick={onExecute}
        disabledHint={
          notice.suspended
            ? '公示已暂停，恢复后才能进入执行'
            : running
              ? `公示期至 ${formatShanghai(notice.endsAt)}，期满后才能进入执行`
              : open > 0
                ? `还有 ${open} 条异议未答复，请先逐条答复`
                : null
        }
      />
    </View>
  );
}

// ---- 执行 ----------------------------------------------------------------------------

export function ExecutePanel({
  topic,
  has,
  onProgress,
  onEvaluate,
}: {
  topic: TopicDetail;
  has: (a: TopicAction) => boolean;
  onProgress: () => void;
  onEvaluate: () => void;
}) {
  const ex = topic.execution!;
  const live = topic.step === 'execute';
  const last = ex.progress.at(-1)?.percent ?? 0;
  return (
    <View className='card dlb-panel' data-testid='panel-execute'>
      <Text className='dlb-panel__title'>执行</Text>
      <Text className='dlb-fact'>执行方：{ex.executor}</Text>
      <Text className='dlb-fact'>完成期限：{ex.dueDate}</Text>
      <View className='dlb-meter'>
        <View className='dlb-meter__head'>
          <Text className='dlb-meter__label'>完成进度</Text>
          <Text className='dlb-meter__value' data-testid='execute-percent'>
            {last}%
          </Text>
        </View>
        <View className='dlb-meter__bar'>
          <View className='dlb-meter__fill is-met' style={{ width: `${last}%` }} />
        </View>
      </View>
      {ex.progress.length === 0 ? <Text className='dlb-empty'>还没有进展记录</Text> : null}
      <View className='dlb-progress'>
        {[...ex.progress].reverse().map((p, i) => (
          <View key={`${p.at}-${i}`} className='dlb-progress__item' data-testid='progress'>
            <Text className='dlb-progress__pct'>{p.percent}%</Text>
            <View className='dlb-progress__body'>
              <Text className='dlb-progress__note'>{p.note}</Text>
              <Photos block='dlb-gallery' photos={p.photos} />
              <Text className='dlb-hint'>
                {formatShanghai(p.at)} · {p.byName}
              </Text>
            </View>
          </View>
        ))}
      </View>
      {live && has('addProgress') ? (
        <View className='dlb-leader'>
          <Text className='dlb-leader__tag'>负责人操作</Text>
          <Button className='btn btn--ghost' data-testid='progress-add' onClick={onProgress}>
            更新进度
          </Button>
        </View>
      ) : null}
      <LeaderButton show={live && has('advance')} text='进入评估' testId='advance-evaluate' onClick={onEvaluate} />
    </View>
  );
}

// ---- 评估 ----------------------------------------------------------------------------

export function EvaluatePanel({
  topic,
  has,
  onRate,
  onArchive,
}: {
  topic: TopicDetail;
  has: (a: TopicAction) => boolean;
  onRate: () => void;
  onArchive: () => void;
}) {
  const ev = topic.evaluation!;
  const live = topic.step === 'evaluate';
  return (
    <View className='card dlb-panel' data-testid='panel-evaluate'>
      <Text className='dlb-panel__title'>居民评价</Text>
      {live ? <Text className='dlb-hint'>评价截止：{formatShanghai(ev.endsAt)}</Text> : null}
      <View className='dlb-eval'>
        <View className='dlb-eval__cell'>
          <Text className='dlb-eval__num' data-testid='eval-satisfaction'>
            {ev.satisfaction === null ? '—' : `${Math.round(ev.satisfaction * 100)}%`}
          </Text>
          <Text className='dlb-eval__label'>满意率（4–5星）</Text>
        </View>
        <View className='dlb-eval__cell'>
          <Text className='dlb-eval__num' data-testid='eval-average'>
            {ev.averageScore === null ? '—' : ev.averageScore.toFixed(1)}
          </Text>
          <Text className='dlb-eval__label'>平均分</Text>
        </View>
        <View className='dlb-eval__cell'>
          <Text className='dlb-eval__num' data-testid='eval-count'>
            {ev.ratings}
          </Text>
          <Text className='dlb-eval__label'>已评价户数</Text>
        </View>
      </View>
      {ev.averageScore !== null ? <Stars block='dlb-stars' value={Math.round(ev.averageScore)} /> : null}
      {ev.myHouseholdRated ? (
        <View className='dlb-voted' data-testid='rated'>
          您家已评价
        </View>
      ) : null}
      {live && has('rate') ? (
        <Button className='btn btn--primary' data-testid='rate-open' onClick={onRate}>
          评价执行效果
        </Button>
      ) : null}
      <LeaderButton show={live && has('advance')} text='归档' testId='advance-archive' onClick={onArchive} />
    </View>
  );
}
