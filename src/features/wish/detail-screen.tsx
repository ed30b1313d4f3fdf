/**
 * 心愿详情 (`?id=`): the wish with its photos, state and timeline (China time); the contact
 * card only when the server sends it (the poster, admins, the claimer while the claim stands);
 * the fulfilment and the confirmation once they exist. Buttons exist only for the moves the
 * server lists in `allowed`; every irreversible step asks first (a modal, or a sheet with the
 * required reason or form). A refusal because the wish moved on (e.g. 已被他人认领) is shown
 * and the wish reloaded. Pull to refresh.
 */
import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { ProxyMark } from '@/shared/ui/proxy-mark';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { HELD_NOTICE, HELD_TAG } from '@/shared/held';
import { formatShanghai } from '@/shared/format-time';
import { pageParam } from '@/shared/page-params';
import { askSubscription } from '@/shared/subscribe';
import { useAsync } from '@/shared/use-async';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { Role } from '~types/account';
import { type AppError } from '~types/errors';
import { wishStateLabels } from '~types/labels/wish';
import type { WishDetail } from '~types/wish';
import {
  ClaimSheet,
  ConfirmSheet,
  FulfilSheet,
  ReasonSheet,
  type ClaimChoice,
  type ReasonSheetText,
} from './detail-sheets';
import { isStale } from '@/shared/use-action';
import { Photos } from '@/shared/ui/photos';
import { Stars } from '@/shared/ui/stars';
import { Timeline } from '@/shared/ui/timeline';
import { CategoryChip, StateBadge } from './wish-card';
import './wish-pages.scss';
import { useCurrentUser } from '@/shared/current-user';

type Move = WishDetail['allowed'][number];
type ReasonKind = 'reject' | 'release' | 'revoke';
type SheetKind = ReasonKind | 'fulfil' | 'confirm' | 'claim';

/** The steps that ask for a reason (each irreversible, so each sheet is red): their wording. */
const REASON_SHEETS: Record<ReasonKind, ReasonSheetText> = {
  reject: {
    title: '驳回心愿',
    label: '驳回原因（居民可见）',
    placeholder: '例如：内容不够具体，请补充需要的物品和时间',
    confirmText: '确认驳回',
  },
  release: {
    title: '放弃认领',
    label: '放弃的原因',
    placeholder: '例如：近期出差，无法按时完成',
    confirmText: '确认放弃',
    intro: '放弃后心愿回到心愿墙，其他党员可以认领，您将不再看到居民的联系方式。',
  },
  revoke: {
    title: '撤销认领',
    label: '撤销原因（认领人会收到通知）',
    placeholder: '例如：认领后长时间未联系居民',
    confirmText: '确认撤销',
    intro: '撤销后心愿回到心愿墙，认领人将不再看到居民的联系方式。此操作会记入审计日志。',
  },
};

/** The poster's room and phone; to the poster themself it says who else sees it, with no call button. */
function ContactCard({ contact, own }: { contact: NonNullable<WishDetail['contact']>; own: boolean }) {
  return (
    <View className='card wish-contact' data-testid='wish-contact'>
      <Text className='wish-contact__title'>{own ? '您留下的联系方式' : '联系方式'}</Text>
      <Text className='wish-contact__line'>住址：{contact.householdLabel}</Text>
      {contact.phone && !own && !contact.phone.includes('*') ? (
        <View className='wish-contact__row'>
          <Text className='wish-contact__line'>电话：{contact.phone}</Text>
          <Button
            className='btn btn--primary btn--small'
            onClick={() => void Taro.makePhoneCall({ phoneNumber: contact.phone! }).catch(() => undefined)}
          >
            拨打
          </Button>
        </View>
      ) : (
        <Text className='wish-contact__line'>电话：{contact.phone ?? '未留'}</Text>
      )}
      <Text className='wish-contact__hint'>
        {own
          ? '只有认领您心愿的党员、本网格网格员和社区管理员能看到'
          : '仅本人、认领人、本网格网格员和社区管理员可见，请勿外传'}
      </Text>
    </View>
  );
}

/** Whom a claim may be for: the caller as a member, and/or the work units they are liaison of. */
function claimChoices(roles: readonly Role[], communityId: string): ClaimChoice[] {
  const here = roles.filter((r) => r.communityId === communityId);
  const out: ClaimChoice[] = [];
  if (here.some((r) => r.kind === 'member')) out.push({ value: 'me', label: '本人（党员）', workUnitId: null });
  for (const r of here) {
    if (r.kind === 'liaison' && r.workUnitId) {
      out.push({ value: r.workUnitId, label: `代表单位：${r.scopeLabel}`, workUnitId: r.workUnitId });
    }
  }
  return out;
}

function Actions({
  wish,
  onSheet,
  onPublish,
  onWithdraw,
  onClaim,
}: {
  wish: WishDetail;
  onSheet: (kind: SheetKind) => void;
  onPublish: () => void;
  onWithdraw: () => void;
  onClaim: () => void;
}) {
  const has = (m: Move) => wish.allowed.includes(m);
  if (wish.allowed.length === 0) return null;
  return (
    <View className='wish-actions' data-testid='wish-actions'>
      {has('review') ? (
        <View className='wish-actions__pair'>
          <Button className='btn btn--plain wish-actions__btn' onClick={() => onSheet('reject')}>
            驳回
          </Button>
          <Button className='btn btn--primary wish-actions__btn' onClick={onPublish}>
            审核通过并发布
          </Button>
        </View>
      ) : null}
      {has('claim') ? (
        <Button className='btn btn--primary' onClick={onClaim}>
          我来认领
        </Button>
      ) : null}
      {has('fulfil') ? (
        <Button className='btn btn--primary' onClick={() => onSheet('fulfil')}>
          标记已完成
        </Button>
      ) : null}
      {has('confirm') ? (
        <Button className='btn btn--primary' onClick={() => onSheet('confirm')}>
          确认实现并评价
        </Button>
      ) : null}
      {has('release') ? (
        <Button className='btn btn--plain' onClick={() => onSheet('release')}>
          放弃认领
        </Button>
      ) : null}
      {has('revoke') ? (
        <Button className='btn btn--ghost' onClick={() => onSheet('revoke')}>
          撤销认领
        </Button>
      ) : null}
      {has('withdraw') ? (
        <Button className='btn btn--plain' onClick={onWithdraw}>
          撤回心愿
        </Button>
      ) : null}
    </View>
  );
}

export function WishDetailScreen() {
  const id = pageParam('id');
  const loaded = useAsync(() => call('wish', 'get', { wishId: id ?? '' }), [id]);
  const { me } = useCurrentUser();
  const [wish, setWish] = useState<WishDetail | undefined>(undefined);
  const [sheet, setSheet] = useState<SheetKind | null>(null);
  useEffect(() => {
    if (loaded.data) setWish(loaded.data);
  }, [loaded.data]);
  usePullDownRefresh(() => {
    void loaded.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!id) return <ErrorView message='缺少心愿编号，请从心愿墙进入' />;
  if (!wish && loaded.loading) return <LoadingView label='正在读取心愿…' />;
  if (!wish)
    return <ErrorView error={loaded.error} message={errorMessage(loaded.error)} onRetry={() => void loaded.reload()} />;

  const done = (next: WishDetail, title: string) => {
    // A write whose text the content check could not decide: saved, and said so.
    const newlyHeld = next.heldFields.length > wish.heldFields.length;
    setWish(next);
    setSheet(null);
    void Taro.showToast(newlyHeld ? { title: HELD_NOTICE, icon: 'none', duration: 2500 } : { title, icon: 'success' });
  };
  const heldLabel = (field: string) =>
    wish.heldFields.some((h) => h.field === field) ? (
      <Text className='held-tag' data-testid='held-tag'>
        {HELD_TAG}
      </Text>
    ) : null;

  /** The wish moved on under us: say so, and show it as it is now. */
  const stale = (e: AppError) => {
    setSheet(null);
    if (e.code === 'CONFLICT' && e.reason === 'wish.already-claimed') {
      void Taro.showToast({ title: '已被他人认领', icon: 'none', duration: 2500 });
    } else {
      void Taro.showModal({ title: '操作未成功', content: e.message, showCancel: false });
    }
    void loaded.reload();
  };

  const refused = (e: unknown) => {
    if (isStale(e)) stale(e);
    else void Taro.showModal({ title: '操作未成功', content: errorMessage(e), showCancel: false });
  };

  const ask = async (title: string, content: string, confirmText: string) =>
    (await Taro.showModal({ title, content, confirmText, confirmColor: '#c8102e', cancelText: '再想想' })).confirm;

  const publish = async () => {
    if (!(await ask('发布心愿', `审核通过“${wish.title}”并发布到心愿墙？发布后党员即可认领。`, '发布'))) return;
    try {
      done(await call('wish', 'review', { wishId: wish.id, decision: 'publish' }), '已发布');
    } catch (e) {
      refused(e);
    }
  };

  const withdraw = async () => {
    if (!(await ask('撤回心愿', '撤回后心愿将不再展示，也不能再被认领。确定撤回吗？', '撤回'))) return;
    try {
      done(await call('wish', 'withdraw', { wishId: wish.id }), '已撤回');
    } catch (e) {
      refused(e);
    }
  };

  const myPhone = me.data?.profile?.phone ?? null;
  const choices = claimChoices(me.data?.roles ?? [], wish.communityId);
  const claim = async () => {
    if (choices.length > 1) {
      setSheet('claim'); // the sheet's confirmation asks for consent
      return;
    }
    askSubscription(['claimProgress']); // told when the poster confirms, or the claim is revoked or released
    const unit = choices[0]?.workUnitId ?? null;
    const content = `认领后您将看到${wish.posterName}的联系方式，请尽快联系并帮助实现心愿。${
      unit ? `将以${choices[0]!.label.replace('代表单位：', '')}的名义认领。` : ''
    }`;
    if (!(await ask('认领心愿', content, '认领'))) return;
    try {
      done(
        await call('wish', 'claim', { wishId: wish.id, ...(unit ? { onBehalfOfWorkUnitId: unit } : {}) }),
        '认领成功',
      );
    } catch (e) {
      refused(e);
    }
  };

  const cancel = () => setSheet(null);
  /** What each reason sheet sends. */
  const sendReason: Record<ReasonKind, (reason: string) => Promise<void>> = {
    reject: async (reason) =>
      done(await call('wish', 'review', { wishId: wish.id, decision: 'reject', reason }), '已驳回'),
    release: async (reason) => done(await call('wish', 'release', { wishId: wish.id, reason }), '已放弃认领'),
    revoke: async (reason) => done(await call('wish', 'revokeClaim', { wishId: wish.id, reason }), '已撤销认领'),
  };

  return (
    <View className='screen wish-detail' data-testid='wish-detail'>
      {wish.heldFields.length > 0 ? (
        <View className='held-notice' data-testid='held-notice'>
          {HELD_TAG}：{wish.heldFields.map((h) => h.label).join('、')}。审核通过前仅您和审核人可见。
        </View>
      ) : null}
      <View className='card wish-detail__main'>
        <View className='wish-card__head'>
          <CategoryChip category={wish.category} />
          <StateBadge state={wish.state} />
        </View>
        <Text className='wish-detail__title'>
          {wish.title}
          {heldLabel('title')}
        </Text>
        <Text className='wish-detail__who'>
          {wish.posterName} · {wish.estateName}
        </Text>
        <ProxyMark name={wish.proxyName} className='tag wish-detail__proxy' />
        <Text className='wish-detail__content'>
          {wish.content}
          {heldLabel('content')}
        </Text>
        <Photos block='wish-gallery' markSingle photos={wish.photos} testId='wish-photos' />
        <View className='wish-detail__facts'>
          <Text className='wish-detail__fact'>期望 {wish.wantedBy} 前实现</Text>
          <Text className='wish-detail__fact'>提交于 {formatShanghai(wish.createdAt)}</Text>
          {wish.claimerName ? (
            <Text className='wish-detail__fact' data-testid='wish-claimer'>
              认领人：{wish.claimerName}
              {wish.claimedAt ? `（${formatShanghai(wish.claimedAt)}）` : ''}
            </Text>
          ) : null}
        </View>
        {wish.state === 'rejected' && wish.rejectReason ? (
          <Text className='wish-detail__reject'>驳回原因：{wish.rejectReason}</Text>
        ) : null}
      </View>

      {wish.contact ? <ContactCard contact={wish.contact} own={!!myPhone && myPhone === wish.contact.phone} /> : null}

      {wish.fulfilment ? (
        <View className='card' data-testid='wish-fulfilment'>
          <Text className='wish-detail__section'>完成情况</Text>
          <Text className='wish-detail__content'>{wish.fulfilment.note}</Text>
          <Photos block='wish-gallery' markSingle photos={wish.fulfilment.photos} />
          <Text className='wish-detail__fact'>{formatShanghai(wish.fulfilment.at)}</Text>
        </View>
      ) : null}

      {wish.confirmation ? (
        <View className='card' data-testid='wish-confirmation'>
          <Text className='wish-detail__section'>居民评价</Text>
          <Stars block='wish-stars' readRole='img' value={wish.confirmation.rating} />
          {wish.confirmation.thanks ? <Text className='wish-detail__content'>“{wish.confirmation.thanks}”</Text> : null}
          <Text className='wish-detail__fact'>{formatShanghai(wish.confirmation.at)}</Text>
          <ProxyMark name={wish.confirmation.proxyName} what='确认' className='wish-detail__fact' />
        </View>
      ) : null}

      <Actions
        wish={wish}
        onSheet={setSheet}
        onPublish={() => void publish()}
        onWithdraw={() => void withdraw()}
        onClaim={() => void claim()}
      />

      <Text className='section-title'>心愿进展</Text>
      <Timeline
        block='wish-timeline'
        testId='wish-timeline'
        entries={wish.timeline.map((t) => ({
          what: `${t.from ? `${wishStateLabels[t.from]} → ` : ''}${wishStateLabels[t.to]}`,
          at: t.at,
          byName: t.byName,
          note: t.note,
        }))}
      />

      {sheet === 'reject' || sheet === 'release' || sheet === 'revoke' ? (
        <ReasonSheet
          key={sheet}
          {...REASON_SHEETS[sheet]}
          danger
          onCancel={cancel}
          onStale={stale}
          onSubmit={sendReason[sheet]}
        />
      ) : null}
      {sheet === 'fulfil' ? (
        <FulfilSheet
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (note, photos) =>
            done(await call('wish', 'fulfil', { wishId: wish.id, note, photos }), '已标记完成')
          }
        />
      ) : null}
      {sheet === 'confirm' ? (
        <ConfirmSheet
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (rating, thanks) =>
            done(
              await call('wish', 'confirm', { wishId: wish.id, rating, ...(thanks ? { thanks } : {}) }),
              '感谢您的评价',
            )
          }
        />
      ) : null}
      {sheet === 'claim' ? (
        <ClaimSheet
          choices={choices}
          onCancel={cancel}
          onStale={stale}
          onSubmit={async (unit) =>
            done(
              await call('wish', 'claim', { wishId: wish.id, ...(unit ? { onBehalfOfWorkUnitId: unit } : {}) }),
              '认领成功',
            )
          }
        />
      ) : null}
    </View>
  );
}
