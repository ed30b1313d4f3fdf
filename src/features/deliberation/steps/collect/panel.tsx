/** 意见收集: the opinions (most supported first), 发表意见 and 支持, and the leader's 结束收集. Presentational. */
import { Button, Text, View } from '@tarojs/components';
import { ProxyMark } from '@/shared/ui/proxy-mark';
import { HELD_TAG } from '@/shared/held';
import { formatShanghai } from '@/shared/format-time';
import type { PagedState } from '@/shared/use-paged';
import type { Opinion, TopicAction, TopicDetail } from '~types/deliberation';
import { Photos } from '@/shared/ui/photos';
import { LeaderButton } from '../../common/leader-button';

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
            <ProxyMark name={o.proxyName} />
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
