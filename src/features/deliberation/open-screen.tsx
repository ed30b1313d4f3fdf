/**
 * 发起议题: the scope (an estate, optionally one building — only where the caller leads or
 * administers), title, background, up to six photos and the collection period (days, by
 * tapping; 7 by default, counted by the server from when the topic opens). Checks what it can before sending; the server's
 * field errors show under their fields. On success it opens the new topic.
 */
import { useEffect, useMemo } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useForm } from '@/shared/use-form';
import { communityOf } from '@/shared/roles';
import { useAsync } from '@/shared/use-async';
import { ChoiceChips, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { Role } from '~types/account';
import type { OrgTree } from '~types/org';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';
import { deliberationUrls } from './urls';
import { DEFAULT_PERIOD, PeriodChips } from './common/period-chips';
import './deliberation.scss';
import { useCurrentUser } from '@/shared/current-user';
import { FormError } from '@/shared/ui/busy-button';

/** The form's text fields. */
const FIELDS = {
  title: { label: '议题标题', placeholder: '例如：1号楼加装电梯', maxlength: 40, testId: 'topic-title' },
  background: {
    label: '议题背景',
    placeholder: '说明问题的来由、现状和希望大家讨论的内容',
    multiline: true,
    maxlength: 2000,
    testId: 'topic-background',
  },
} satisfies Record<string, TextFieldSpec>;

const WHOLE = '__whole__';

interface Scope {
  estateId: string;
  estateName: string;
  /** Building ids this person may open a topic for, and whether the whole estate too. */
  buildings: Array<{ id: string; name: string }>;
  whole: boolean;
}

/** The estates and buildings where the caller may open a topic (as the server decides it). */
export function scopesOf(tree: OrgTree, roles: readonly Role[]): Scope[] {
  const here = roles.filter((r) => r.communityId === tree.community.id);
  const admin = here.some((r) => r.kind === 'admin');
  const out: Scope[] = [];
  for (const e of tree.estates) {
    const leadsEstate = admin || here.some((r) => r.kind === 'estate_leader' && r.estateId === e.id);
    const buildings = e.buildings
      .filter((b) => leadsEstate || here.some((r) => r.kind === 'building_leader' && r.buildingId === b.id))
      .map((b) => ({ id: b.id, name: b.name }));
    if (leadsEstate || buildings.length > 0) {
      out.push({ estateId: e.id, estateName: e.name, buildings, whole: leadsEstate });
    }
  }
  return out;
}

function Form({ tree, roles }: { tree: OrgTree; roles: Role[] }) {
  const scopes = useMemo(() => scopesOf(tree, roles), [tree, roles]);
  const form = useForm(() => {
    const start = scopes[0];
    return {
      estateId: start?.estateId ?? '',
      buildingId: start && !start.whole && start.buildings[0] ? start.buildings[0].id : WHOLE,
      title: '',
      background: '',
      collectDays: DEFAULT_PERIOD as number,
    };
  });
  const { estateId, buildingId: building, title, background, collectDays } = form.values;
  const scope = scopes.find((s) => s.estateId === estateId) ?? scopes[0];
  const photos = usePhotoSlots(6);
  const { busy, error, clear } = form;
  // Adding or removing a photo (or an upload ending) changes the field, so its message goes.
  useEffect(() => clear('photos'), [photos.slots, clear]);

  if (!scope) {
    return <EmptyView title='您不能发起议题' hint='只有楼栋、小区负责人和社区管理员可以发起议题' />;
  }
  const buildingChoices = [
    ...(scope.whole ? [{ value: WHOLE, label: '整个小区' }] : []),
    ...scope.buildings.map((b) => ({ value: b.id, label: b.name })),
  ];

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (title.trim().length < 4) problems.title = '请填写议题标题（至少4个字）';
    if (background.trim().length < 10) problems.background = '请填写议题背景（至少10个字）';
    if (photos.uploading) problems.photos = '图片还在上传，请稍候';
    if (!form.check(problems)) return;
    await form.run(async () => {
      const topic = await call('deliberation', 'open', {
        communityId: tree.community.id,
        estateId: scope.estateId,
        ...(building !== WHOLE ? { buildingId: building } : {}),
        title: title.trim(),
        background: background.trim(),
        photos: photos.fileIds,
        collectDays,
      });
      void Taro.showToast({ title: '议题已发起', icon: 'success' });
      void Taro.redirectTo({ url: deliberationUrls.topic(topic.id) });
    });
  };

  return (
    <View className='screen dlb-form' data-testid='topic-form'>
      <View className='dlb-form__intro'>
        <Text className='dlb-form__intro-title'>发起议题</Text>
        <Text className='dlb-hint'>议题发起后进入「意见收集」，范围内的居民可以发表意见、为意见点赞支持。</Text>
      </View>
      <View className='card'>
        {scopes.length > 1 ? (
          <ChoiceChips
            label='小区'
            choices={scopes.map((s) => ({ value: s.estateId, label: s.estateName }))}
            value={scope.estateId}
            onChange={(v) => {
              form.set('estateId', v);
              const next = scopes.find((s) => s.estateId === v);
              form.set('buildingId', next && !next.whole && next.buildings[0] ? next.buildings[0].id : WHOLE);
            }}
            error={form.err('estateId')}
          />
        ) : (
          <View className='form-field'>
            <Text className='form-field__label'>小区</Text>
            <Text className='dlb-form__value'>{scope.estateName}</Text>
          </View>
        )}
        <ChoiceChips
          label='议事范围'
          choices={buildingChoices}
          value={building}
          onChange={(v) => form.set('buildingId', v)}
          error={form.err('buildingId')}
        />
        <FormField {...FIELDS.title} {...form.text('title')} />
        <FormField {...FIELDS.background} {...form.text('background')} />
        <PhotoField label='现场照片（选填）' photos={photos} error={form.err('photos')} />
        <PeriodChips
          label='意见收集期'
          value={collectDays}
          onChange={(v) => form.set('collectDays', v)}
          error={form.err('collectDays')}
        />
        <Text className='dlb-hint'>从发起时起计算；期满后负责人进入联审，也可提前结束收集。</Text>
      </View>
      <FormError className='dlb-form__error' message={error} />
      <View className='dlb-form__actions'>
        <Button
          className='btn btn--primary dlb-form__submit'
          loading={busy || undefined}
          disabled={busy || undefined}
          data-testid='topic-submit'
          onClick={() => void submit()}
        >
          发起议题
        </Button>
      </View>
    </View>
  );
}

export function OpenTopicScreen() {
  const { me } = useCurrentUser();
  const communityId = communityOf(me.data?.roles ?? []);
  const tree = useAsync(
    () => (communityId ? call('org', 'getTree', { communityId }) : Promise.resolve(null)),
    [communityId],
  );
  if ((me.loading && !me.data) || (tree.loading && !tree.data)) return <LoadingView />;
  if (me.error) return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  if (tree.error) return <ErrorView message={errorMessage(tree.error)} onRetry={() => void tree.reload()} />;
  if (!tree.data) return <EmptyView title='您不能发起议题' hint='请先绑定房屋或取得负责人身份' />;
  return <Form tree={tree.data} roles={me.data?.roles ?? []} />;
}
