/** 表决: the turnout against the rule, the ballot, the leader's 计票, and the result card with 复核计票. Presentational. */
import { Button, Text, View } from '@tarojs/components';
import { formatShanghai } from '@/shared/format-time';
import { choiceLabels, voteRuleLabels, type Choice, type VoteRule } from '~types/labels/deliberation';
import type { Tally, TopicAction, TopicDetail, Turnout } from '~types/deliberation';
import { LeaderButton } from '../../common/leader-button';
import { serverNow } from '../../common/server-clock';
import { ruleExplanations } from './rules';

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
      {turnout.proxyBallots && turnout.proxyBallots.length > 0 ? (
        <View className='dlb-proxy-ballots' data-testid='proxy-ballots'>
          <Text className='dlb-hint'>代办投票 {turnout.proxyBallots.length} 户（凭书面委托书）</Text>
          {turnout.proxyBallots.map((b) => (
            <Text key={b.householdId} className='dlb-hint' data-testid='proxy-mark'>
              {b.room} · 由{b.proxyName}代办 · {formatShanghai(b.castAt)}
            </Text>
          ))}
        </View>
      ) : null}
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
  const now = serverNow(topic);
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
      <Text className='dlb-hint' data-testid='vote-notice-days'>
        表决通过后公示 {vote.noticeDays} 天，公示期满、异议均已答复后进入执行。
      </Text>
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
        show={!over && has('end')} // a leader: only leaders may end a topic
        text='结束表决并计票'
        testId='vote-close'
        onClick={onClose}
        disabledHint={`投票期至 ${formatShanghai(vote.closesAt)}，截止后才能计票`}
        hintTestId='vote-running'
      />
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
