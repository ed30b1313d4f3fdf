/**
 * 代办 (docs/adr/0040-proxy-acts.md): a 网格员 / 网格长 or a 楼栋党小组长 acts for a resident who
 * consented. Find the household by building and room, choose the resident (or name one without
 * WeChat), choose the act, use her consent or record one (a written one with the photo of the
 * signed 委托书 — required for a ballot), fill in the act, then read the whole act back to her in
 * large type and confirm. The server checks everything again; its refusals show above the button.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useCurrentUser } from '@/shared/current-user';
import { useAction } from '@/shared/use-action';
import { useAsync } from '@/shared/use-async';
import { BusyButton, FormError } from '@/shared/ui/busy-button';
import { ChoiceChips, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { ProxyConsent, ProxyLookup, ProxyResident } from '~types/proxy';
import { consentKindLabels, PROXY_ACTS, proxyActLabels, type ConsentKind, type ProxyAct } from '~types/labels/proxy';
import { wishCategoryLabels, type WishCategory } from '~types/labels/wish';
import { choiceLabels, type Choice } from '~types/labels/deliberation';
import './act-screen.scss';

const PROXY_KINDS = new Set(['building_leader', 'grid_worker', 'grid_leader']);
const NEW_OFFLINE = '__offline__';
const DAY = 24 * 3600_000;

/** YYYY-MM-DD in China time, `days` from now. */
function cstDay(days: number): string {
  return new Date(Date.now() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The resident's consent that allows `act` now. A ballot: a written one with its photo, handed
 * to me — a 委托书 names its agent, and only they cast the household's ballot on it.
 */
function usableConsent(resident: ProxyResident | undefined, act: ProxyAct | null, myId: string): ProxyConsent | null {
  if (!resident || !act) return null;
  const ballotOk = (c: ProxyConsent) => c.kind === 'written' && Boolean(c.photo) && c.actorId === myId;
  return (
    resident.consents.find((c) => !c.withdrawnAt && c.scope.includes(act) && (act !== 'cast_ballot' || ballotOk(c))) ??
    null
  );
}

interface ActDraft {
  category: WishCategory | null;
  title: string;
  content: string;
  targetId: string | null;
  rating: string | null;
  choice: Choice | null;
}

/** The acts' text fields. */
const FIELDS = {
  wishTitle: { label: '心愿标题', maxlength: 30, testId: 'proxy-wish-title' },
  wishContent: { label: '具体描述', maxlength: 500, multiline: true, testId: 'proxy-wish-content' },
  opinion: { label: '居民的意见', maxlength: 500, multiline: true, testId: 'proxy-opinion' },
} satisfies Record<string, TextFieldSpec>;

const emptyDraft: ActDraft = { category: null, title: '', content: '', targetId: null, rating: null, choice: null };

/** The open activities, or the topics at the step the act needs, to choose from. */
function useTargets(communityId: string, act: ProxyAct | null) {
  return useAsync(async (): Promise<Array<{ value: string; label: string }>> => {
    if (act === 'sign_up') {
      const page = await call('volunteer', 'list', { communityId, when: 'upcoming' });
      return page.items.map((a) => ({ value: a.id, label: a.title }));
    }
    if (act === 'post_opinion' || act === 'cast_ballot') {
      const step = act === 'post_opinion' ? 'collect' : 'vote';
      const page = await call('deliberation', 'list', { communityId, step });
      return page.items.map((t) => ({ value: t.id, label: t.title }));
    }
    return [];
  }, [communityId, act]);
}

function ProxyFlow({ communityId, myId }: { communityId: string; myId: string }) {
  const scope = useAsync(() => call('account', 'findProxyResident', { communityId }), [communityId]);
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [room, setRoom] = useState('');
  const [found, setFound] = useState<ProxyLookup['household'] | undefined>(undefined);
  const [residentId, setResidentId] = useState<string | null>(null);
  const [offlineName, setOfflineName] = useState('');
  const [act, setAct] = useState<ProxyAct | null>(null);
  const [kind, setKind] = useState<ConsentKind>('verbal');
  const [draft, setDraft] = useState<ActDraft>(emptyDraft);
  const [stage, setStage] = useState<'fill' | 'confirm' | 'done'>('fill');
  const [doneText, setDoneText] = useState('');
  const photo = usePhotoSlots(1);
  const search = useAction();
  const consentAction = useAction();
  const actAction = useAction();
  const targets = useTargets(communityId, act);

  if (scope.loading && !scope.data) return <LoadingView />;
  if (scope.error || !scope.data)
    return <ErrorView error={scope.error} message={errorMessage(scope.error)} onRetry={() => void scope.reload()} />;
  if (scope.data.buildings.length === 0) {
    return <EmptyView title='您的网格里还没有楼栋' hint='请社区管理员先为网格划分楼栋。' />;
  }

  const lookUp = async (keep?: string) => {
    if (!buildingId || !room.trim()) {
      search.check({ room: '请选择楼栋并填写房号' });
      return;
    }
    await search.run(async () => {
      const result = await call('account', 'findProxyResident', { communityId, buildingId, room: room.trim() });
      setFound(result.household);
      setResidentId(keep ?? null);
    });
  };

  const resident = found?.residents.find((r) => r.id === residentId);
  const consent = usableConsent(resident, act, myId);
  const set = <K extends keyof ActDraft>(key: K, value: ActDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  /** A text of the draft: its value, input and message. */
  const draftText = (key: 'title' | 'content') => ({
    value: draft[key],
    onInput: (v: string) => set(key, v),
    error: actAction.fields[key],
  });

  const recordConsent = async () => {
    if (!found || !act) return;
    if (kind === 'written' && photo.fileIds.length === 0) {
      consentAction.check({ photo: '请拍摄或上传居民签字的委托书' });
      return;
    }
    const offline = residentId === NEW_OFFLINE;
    if (offline && !offlineName.trim()) {
      consentAction.check({ offlineName: '请填写居民姓名' });
      return;
    }
    await consentAction.run(async () => {
      const made = await call('account', 'recordProxyConsent', {
        communityId,
        householdId: found.id,
        ...(offline ? { residentName: offlineName.trim() } : { residentId: residentId! }),
        scope: [act],
        kind,
        ...(photo.fileIds[0] ? { photoFileId: photo.fileIds[0] } : {}),
      });
      await lookUp(made.residentId);
    });
  };

  const target = targets.data?.find((t) => t.value === draft.targetId);
  const confirmTitle = resident?.toConfirm.find((w) => w.id === draft.targetId)?.title;
  const summary = (): string => {
    switch (act) {
      case 'post_wish':
        return `发布心愿“${draft.title.trim()}”`;
      case 'confirm_wish':
        return `确认心愿“${confirmTitle ?? ''}”已完成，评 ${draft.rating ?? ''} 星`;
      case 'sign_up':
        return `报名志愿活动“${target?.label ?? ''}”`;
      case 'post_opinion':
        return `就议题“${target?.label ?? ''}”提交意见：${draft.content.trim()}`;
      case 'cast_ballot':
        return `就议题“${target?.label ?? ''}”代表本户投票：${draft.choice ? choiceLabels[draft.choice] : ''}`;
      default:
        return '';
    }
  };

  const checkAct = (): boolean => {
    const e: Record<string, string> = {};
    if (act === 'post_wish') {
      if (!draft.category) e.category = '请选择心愿类别';
      if (draft.title.trim().length < 2) e.title = '请填写心愿标题（至少2个字）';
      if (draft.content.trim().length < 5) e.content = '请描述心愿（至少5个字）';
    } else if (!draft.targetId) e.target = '请选择';
    if (act === 'confirm_wish' && !draft.rating) e.rating = '请选择评分';
    if (act === 'post_opinion' && draft.content.trim().length < 5) e.content = '请填写意见（至少5个字）';
    if (act === 'cast_ballot' && !draft.choice) e.choice = '请选择表决意见';
    return actAction.check(e);
  };

  const perform = async () => {
    if (!consent || !act) return;
    const proxy = { consentId: consent.id };
    await actAction.run(async () => {
      if (act === 'post_wish') {
        await call('wish', 'post', {
          communityId,
          category: draft.category!,
          title: draft.title.trim(),
          content: draft.content.trim(),
          photos: [],
          wantedBy: cstDay(14),
          proxy,
        });
      } else if (act === 'confirm_wish') {
        await call('wish', 'confirm', { wishId: draft.targetId!, rating: Number(draft.rating), proxy });
      } else if (act === 'sign_up') {
        await call('volunteer', 'signUp', { activityId: draft.targetId!, proxy });
      } else if (act === 'post_opinion') {
        await call('deliberation', 'postOpinion', {
          topicId: draft.targetId!,
          text: draft.content.trim(),
          photos: [],
          proxy,
        });
      } else {
        await call('deliberation', 'castBallot', { topicId: draft.targetId!, choice: draft.choice!, proxy });
      }
      setDoneText(`已为 ${consent.residentName} ${summary()}`);
      setStage('done');
      void Taro.showToast({ title: '代办成功', icon: 'success' });
    });
  };

  if (stage === 'done') {
    return (
      <View className='screen proxy'>
        <View className='card proxy__big' data-testid='proxy-done'>
          <Text className='proxy__big-title'>代办完成</Text>
          <Text className='proxy__big-text'>{doneText}</Text>
        </View>
        <BusyButton
          className='btn btn--primary btn--block proxy__submit'
          onTap={() => {
            setStage('fill');
            setDraft(emptyDraft);
            setAct(null);
          }}
          testId='proxy-again'
        >
          <Text>继续代办</Text>
        </BusyButton>
      </View>
    );
  }

  if (stage === 'confirm' && consent && resident) {
    return (
      <View className='screen proxy'>
        <View className='card proxy__big' data-testid='proxy-confirm'>
          <Text className='proxy__big-title'>请向居民读出并确认</Text>
          <Text className='proxy__big-text'>
            为 {resident.name}（{found?.label}）代办：{summary()}
          </Text>
          <Text className='proxy__big-hint'>
            依据：{consentKindLabels[consent.kind]}，{consent.actorName} 登记
          </Text>
        </View>
        <FormError className='proxy__error' message={actAction.error} />
        <BusyButton
          className='btn btn--primary btn--block proxy__submit'
          busy={actAction.busy}
          onTap={() => void perform()}
          testId='proxy-perform'
        >
          <Text>确认代办</Text>
        </BusyButton>
        <BusyButton className='btn btn--block proxy__back' onTap={() => setStage('fill')}>
          <Text>返回修改</Text>
        </BusyButton>
      </View>
    );
  }

  const residentChoices = [
    ...(found?.residents ?? []).map((r) => ({ value: r.id, label: r.offline ? `${r.name}（无微信）` : r.name })),
    { value: NEW_OFFLINE, label: '没有微信的居民' },
  ];

  return (
    <View className='screen proxy'>
      <View className='proxy__intro'>
        <Text className='proxy__intro-title'>为居民代办</Text>
        <Text className='proxy__intro-text'>先找到居民家，选择要办的事，确认有居民的授权，最后向居民读出确认。</Text>
      </View>

      <View className='card'>
        <ChoiceChips
          label='楼栋'
          choices={scope.data.buildings.map((b) => ({ value: b.id, label: `${b.estateName} ${b.name}` }))}
          value={buildingId}
          onChange={(v) => {
            setBuildingId(v);
            setFound(undefined);
          }}
        />
        <FormField
          label='房号'
          value={room}
          onInput={(v) => {
            setRoom(v);
            search.clear('room');
          }}
          placeholder='例如：1-102'
          error={search.fields.room}
          testId='proxy-room'
        />
        <FormError className='proxy__error' message={search.error} />
        <BusyButton className='btn btn--block' busy={search.busy} onTap={() => void lookUp()} testId='proxy-find'>
          <Text>查找住户</Text>
        </BusyButton>
      </View>

      {found === null ? <EmptyView title='没有找到这户' hint='请核对楼栋和房号。' /> : null}

      {found ? (
        <View className='card' data-testid='proxy-household'>
          <Text className='proxy__label'>{found.label}</Text>
          <ChoiceChips label='为谁代办' choices={residentChoices} value={residentId} onChange={setResidentId} />
          {residentId === NEW_OFFLINE ? (
            <FormField
              label='居民姓名'
              value={offlineName}
              onInput={setOfflineName}
              error={consentAction.fields.offlineName}
              testId='proxy-offline-name'
            />
          ) : null}
          {residentId ? (
            <ChoiceChips
              label='代办事项'
              choices={PROXY_ACTS.map((a) => ({ value: a, label: proxyActLabels[a] }))}
              value={act}
              onChange={(v) => {
                setAct(v);
                setDraft(emptyDraft);
                if (v === 'cast_ballot') setKind('written');
              }}
            />
          ) : null}
        </View>
      ) : null}

      {found && residentId && act && !consent ? (
        <View className='card' data-testid='proxy-consent'>
          <Text className='proxy__label'>登记居民授权</Text>
          <ChoiceChips
            label='授权方式'
            choices={(['verbal', 'written'] as const)
              .filter((k) => act !== 'cast_ballot' || k === 'written')
              .map((k) => ({ value: k, label: consentKindLabels[k] }))}
            value={kind}
            onChange={setKind}
          />
          {kind === 'written' ? (
            <PhotoField
              label='委托书照片'
              photos={photo}
              error={consentAction.fields.photo ?? consentAction.fields.photoFileId}
              hint='请拍摄居民签字的委托书'
            />
          ) : null}
          <FormError className='proxy__error' message={consentAction.error} />
          <BusyButton
            className='btn btn--primary btn--block'
            busy={consentAction.busy}
            disabled={photo.uploading}
            onTap={() => void recordConsent()}
            testId='proxy-record-consent'
          >
            <Text>{photo.uploading ? '照片上传中…' : '登记授权'}</Text>
          </BusyButton>
        </View>
      ) : null}

      {consent && act ? (
        <View className='card' data-testid='proxy-act'>
          <Text className='proxy__hint'>
            已有授权：{consentKindLabels[consent.kind]}（{consent.actorName} 登记）
          </Text>
          {act === 'post_wish' ? (
            <>
              <ChoiceChips
                label='心愿类别'
                choices={(Object.entries(wishCategoryLabels) as Array<[WishCategory, string]>).map(
                  ([value, label]) => ({
                    value,
                    label,
                  }),
                )}
                value={draft.category}
                onChange={(v) => set('category', v)}
                error={actAction.fields.category}
              />
              <FormField {...FIELDS.wishTitle} {...draftText('title')} />
              <FormField {...FIELDS.wishContent} {...draftText('content')} />
            </>
          ) : null}
          {act === 'confirm_wish' ? (
            resident && resident.toConfirm.length > 0 ? (
              <>
                <ChoiceChips
                  label='待确认的心愿'
                  choices={resident.toConfirm.map((w) => ({ value: w.id, label: w.title }))}
                  value={draft.targetId}
                  onChange={(v) => set('targetId', v)}
                  error={actAction.fields.target}
                />
                <ChoiceChips
                  label='评分'
                  choices={['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: `${n} 星` }))}
                  value={draft.rating}
                  onChange={(v) => set('rating', v)}
                  error={actAction.fields.rating}
                />
              </>
            ) : (
              <EmptyView title='没有待确认的心愿' />
            )
          ) : null}
          {act === 'sign_up' || act === 'post_opinion' || act === 'cast_ballot' ? (
            targets.loading && !targets.data ? (
              <LoadingView />
            ) : targets.error ? (
              <ErrorView
                error={targets.error}
                message={errorMessage(targets.error)}
                onRetry={() => void targets.reload()}
              />
            ) : (targets.data ?? []).length === 0 ? (
              <EmptyView title={act === 'sign_up' ? '近期没有可报名的活动' : '没有正在进行的议题'} />
            ) : (
              <ChoiceChips
                label={act === 'sign_up' ? '志愿活动' : '议题'}
                choices={targets.data ?? []}
                value={draft.targetId}
                onChange={(v) => set('targetId', v)}
                error={actAction.fields.target}
              />
            )
          ) : null}
          {act === 'post_opinion' ? <FormField {...FIELDS.opinion} {...draftText('content')} /> : null}
          {act === 'cast_ballot' ? (
            <ChoiceChips
              label='表决意见'
              choices={(Object.entries(choiceLabels) as Array<[Choice, string]>).map(([value, label]) => ({
                value,
                label,
              }))}
              value={draft.choice}
              onChange={(v) => set('choice', v)}
              error={actAction.fields.choice}
            />
          ) : null}
          <BusyButton
            className='btn btn--primary btn--block proxy__submit'
            onTap={() => {
              if (checkAct()) setStage('confirm');
            }}
            testId='proxy-next'
          >
            <Text>下一步：向居民确认</Text>
          </BusyButton>
        </View>
      ) : null}
    </View>
  );
}

export function ProxyActScreen() {
  const { me } = useCurrentUser();
  if (me.loading && !me.data) return <LoadingView />;
  if (me.error || !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  const role = me.data.roles.find((r) => PROXY_KINDS.has(r.kind));
  if (!role) {
    return <EmptyView title='暂无代办权限' hint='网格员、网格长和楼栋党小组长可以为居民代办。' />;
  }
  return <ProxyFlow communityId={role.communityId} myId={me.data.profile?.id ?? ''} />;
}
