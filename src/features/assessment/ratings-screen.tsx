/**
 * 年度评议 (community admins): the year-end rating of each Party member and each work unit —
 * 优秀 / 合格 / 基本合格 / 不合格 with a comment; rating again replaces the earlier one.
 * Exportable as xlsx.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { BusyButton } from '@/shared/ui/busy-button';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useForm } from '@/shared/use-form';
import { exportSpreadsheet } from '@/shared/export-xlsx';
import { pageParam } from '@/shared/page-params';
import { currentYear } from '@/shared/quarter';
import { useAsync } from '@/shared/use-async';
import { usePaged } from '@/shared/use-paged';
import { ChoiceChips, FormField } from '@/shared/ui/form-field';
import { PagedList } from '@/shared/ui/paged-list';
import { Sheet } from '@/shared/ui/sheet';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import { type Grade, gradeLabels, GRADES } from '~types/labels/points';
import type { Rating } from '~types/points';
import './assessment.scss';

type Target = 'member' | 'work_unit';
interface Rated {
  target: Target;
  id: string;
  name: string;
  detail: string;
}

const gradeTag: Record<Grade, string> = {
  excellent: 'tag--red',
  qualified: 'tag--approved',
  basically_qualified: 'tag--pending',
  unqualified: 'tag--rejected',
};

function RateSheet({
  communityId,
  year,
  rated,
  current,
  onDone,
  onCancel,
}: {
  communityId: string;
  year: number;
  rated: Rated;
  current: Rating | undefined;
  onDone: () => void;
  onCancel: () => void;
}) {
  const form = useForm({ grade: current?.grade ?? (null as Grade | null), comment: current?.comment ?? '' });
  const { busy, error: sheetError } = form;
  const { grade, comment } = form.values;
  const confirm = async () => {
    if (!grade) {
      form.check({ grade: '请选择评议等次' });
      return;
    }
    await form.run(async () => {
      await call('points', 'rate', {
        communityId,
        year,
        target: rated.target,
        targetId: rated.id,
        grade,
        comment: comment.trim(),
      });
      void Taro.showToast({ title: '已评议', icon: 'success' });
      onDone();
    });
  };
  return (
    <Sheet
      title={`${year}年度评议：${rated.name}`}
      confirmText={current ? '重新评议' : '确认评议'}
      busy={busy}
      error={sheetError}
      onCancel={onCancel}
      onConfirm={() => void confirm()}
    >
      {current ? (
        <Text className='card__text'>已评为“{gradeLabels[current.grade]}”，重新评议将替换原结果。</Text>
      ) : null}
      <View className='grade-chips'>
        <ChoiceChips
          label='评议等次'
          choices={GRADES.map((g) => ({ value: g, label: gradeLabels[g] }))}
          value={grade}
          onChange={(g) => form.set('grade', g)}
          error={form.err('grade')}
        />
      </View>
      <FormField label='评语（可选）' {...form.text('comment')} multiline maxlength={200} />
    </Sheet>
  );
}

function RatedRow({ rated, rating, onRate }: { rated: Rated; rating: Rating | undefined; onRate: () => void }) {
  return (
    <View className='card rating-row' data-testid='rating-row'>
      <View className='card__row'>
        <View>
          <Text className='card__title'>{rated.name}</Text>
        </View>
        {rating ? (
          <Text className={`tag ${gradeTag[rating.grade]}`}>{gradeLabels[rating.grade]}</Text>
        ) : (
          <Text className='tag'>未评议</Text>
        )}
      </View>
      {rated.detail ? <Text className='card__text'>{rated.detail}</Text> : null}
      {rating?.comment ? <Text className='rating-row__comment'>评语：{rating.comment}</Text> : null}
      <View className='card__actions'>
        <Button className={`btn btn--small ${rating ? 'btn--plain' : 'btn--primary'}`} onClick={onRate}>
          {rating ? '修改评议' : '评议'}
        </Button>
      </View>
    </View>
  );
}

export function RatingsScreen() {
  const communityId = pageParam('communityId') ?? '';
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const [target, setTarget] = useState<Target>('member');
  const [rating, setRating] = useState<Rated | null>(null);
  const [exporting, setExporting] = useState(false);
  const ratings = useAsync(() => call('points', 'listRatings', { communityId, year }), [communityId, year]);
  const tree = useAsync(() => call('org', 'getTree', { communityId }), [communityId]);
  const members = usePaged(
    (cursor) =>
      call('account', 'listPeople', {
        communityId,
        roleKind: 'member',
        limit: 20,
        ...(cursor !== undefined ? { cursor } : {}),
      }),
    [communityId],
  );
  usePullDownRefresh(() => {
    void Promise.all([ratings.reload(), tree.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;
  const byTarget = new Map((ratings.data?.items ?? []).map((r) => [`${r.target}:${r.targetId}`, r]));
  const find = (t: Target, id: string) => byTarget.get(`${t}:${id}`);
  const rated = ratings.data?.items.filter((r) => r.target === target).length ?? 0;

  return (
    <View className='screen'>
      <View className='card filter-card'>
        <ChoiceChips
          label='年度'
          choices={[thisYear, thisYear - 1].map((y) => ({ value: String(y), label: `${y}年` }))}
          value={String(year)}
          onChange={(y) => setYear(Number(y))}
        />
      </View>
      <View className='filter-bar' role='tablist'>
        {(
          [
            ['member', '党员'],
            ['work_unit', '报到单位'],
          ] as const
        ).map(([key, label]) => (
          <View
            key={key}
            className={`filter-bar__item ${target === key ? 'is-active' : ''}`}
            role='tab'
            aria-selected={target === key}
            onClick={() => setTarget(key)}
          >
            {label}
          </View>
        ))}
      </View>
      <View className='section-row'>
        <Text className='section-title'>
          已评议 {rated} {target === 'member' ? '人' : '个单位'}
        </Text>
        <BusyButton
          className='btn btn--ghost btn--small'
          busy={exporting}
          onTap={() => {
            setExporting(true);
            void exportSpreadsheet({ communityId, kind: 'ratings', year }).finally(() => setExporting(false));
          }}
        >
          导出Excel
        </BusyButton>
      </View>
      {ratings.error ? <ErrorView message={errorMessage(ratings.error)} onRetry={() => void ratings.reload()} /> : null}
      {!ratings.error && target === 'member' ? (
        <PagedList
          state={members}
          keyOf={(p) => p.id}
          emptyTitle='社区还没有党员'
          renderItem={(p) => {
            const role = p.roles.find((r) => r.kind === 'member');
            const r: Rated = { target: 'member', id: p.id, name: p.name, detail: role?.scopeLabel ?? '' };
            return <RatedRow rated={r} rating={find('member', p.id)} onRate={() => setRating(r)} />;
          }}
        />
      ) : null}
      {!ratings.error && target === 'work_unit' ? (
        tree.error ? (
          <ErrorView message={errorMessage(tree.error)} onRetry={() => void tree.reload()} />
        ) : !tree.data ? (
          <LoadingView />
        ) : tree.data.workUnits.length === 0 ? (
          <EmptyView title='社区还没有报到单位' />
        ) : (
          tree.data.workUnits.map((w) => {
            const r: Rated = { target: 'work_unit', id: w.id, name: w.name, detail: w.partyOrgName };
            return <RatedRow key={w.id} rated={r} rating={find('work_unit', w.id)} onRate={() => setRating(r)} />;
          })
        )
      ) : null}
      {rating ? (
        <RateSheet
          communityId={communityId}
          year={year}
          rated={rating}
          current={find(rating.target, rating.id)}
          onCancel={() => setRating(null)}
          onDone={() => {
            setRating(null);
            void ratings.reload();
          }}
        />
      ) : null}
    </View>
  );
}
