/** 意见收集 on the topic screen: the panel, posting and supporting opinions, and 结束收集. */
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { HELD_NOTICE } from '@/shared/held';
import { askSubscription } from '@/shared/subscribe';
import type { PagedState } from '@/shared/use-paged';
import type { Opinion } from '~types/deliberation';
import { useStepSheets, type TopicKit } from '../../common/topic-kit';
import { CollectPanel } from './panel';
import { OpinionSheet } from './sheets';

export function CollectStep({ kit, opinions }: { kit: TopicKit; opinions: PagedState<Opinion> }) {
  const sheets = useStepSheets<'opinion'>(kit);
  const topicId = kit.topic.id;
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
    if (!(await kit.ask('结束收集', '结束意见收集并进入联审？之后居民不能再发表意见。', '进入联审'))) return;
    try {
      kit.done(await call('deliberation', 'advance', { topicId, to: 'review' }), '已进入联审');
    } catch (e) {
      kit.refused(e);
    }
  };
  return (
    <>
      <CollectPanel
        topic={kit.topic}
        opinions={opinions}
        has={kit.has}
        onPost={() => sheets.show('opinion')}
        onSupport={(o) => void support(o)}
        onAdvance={() => void toReview()}
      />
      {sheets.open === 'opinion' ? (
        <OpinionSheet
          {...sheets.sheet}
          onSubmit={async (text, photos) => {
            askSubscription(['voteOpen', 'topicProgress']); // in the tap: told when the vote opens and the topic moves on
            const posted = await call('deliberation', 'postOpinion', { topicId, text, photos });
            sheets.close();
            void Taro.showToast(
              posted.held
                ? { title: HELD_NOTICE, icon: 'none', duration: 2500 }
                : { title: '意见已发表', icon: 'success' },
            );
            await opinions.refresh();
          }}
        />
      ) : null}
    </>
  );
}
