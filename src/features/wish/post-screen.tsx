/**
 * 许个心愿: a resident writes a wish — category, title, description, the date it is wanted by
 * (default two weeks ahead, never in the past) and up to three photos — and sends it for
 * review; then the wish's detail (待审核) opens. Server refusals show at their fields,
 * including the content check (content.unsafe).
 */
import { useEffect } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HELD_NOTICE } from '@/shared/held';
import { call, errorMessage } from '@/services/cloud';
import type { FieldErrors } from '@/shared/use-action';
import { useForm } from '@/shared/use-form';
import { askSubscription } from '@/shared/subscribe';
import { ChoiceChips, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { Role } from '~types/account';
import { wishCategoryLabels, type WishCategory } from '~types/labels/wish';
import { cstDay } from './dates';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';
import { wishUrls } from './urls';
import './wish-pages.scss';
import { useCurrentUser } from '@/shared/current-user';
import { BusyButton, FormError } from '@/shared/ui/busy-button';

/** The form's text fields. */
const FIELDS = {
  title: { label: '心愿标题', placeholder: '例如：想要一副助行器', maxlength: 30, testId: 'wish-title' },
  content: {
    label: '具体描述',
    placeholder: '说说需要什么、为什么需要、什么时间方便',
    multiline: true,
    maxlength: 500,
    testId: 'wish-content',
  },
} satisfies Record<string, TextFieldSpec>;

const categoryChoices = (Object.entries(wishCategoryLabels) as Array<[WishCategory, string]>).map(([value, label]) => ({
  value,
  label,
}));

function PostForm({ homes }: { homes: Role[] }) {
  const first = homes[0]!;
  const form = useForm({
    householdId: first.householdId ?? '',
    category: null as WishCategory | null,
    title: '',
    content: '',
    wantedBy: cstDay(14),
  });
  const { householdId, category, title, content, wantedBy } = form.values;
  const photos = usePhotoSlots(3);
  const { busy, error: formError, clear } = form;
  const today = cstDay(0);
  // Adding or removing a photo (or an upload ending) changes the field, so its message goes.
  useEffect(() => clear('photos'), [photos.slots, clear]);

  const check = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!category) e.category = '请选择心愿类别';
    if (title.trim().length < 2) e.title = '请填写心愿标题（至少2个字）';
    else if (title.trim().length > 30) e.title = '标题不超过30个字';
    if (content.trim().length < 5) e.content = '请描述您的心愿（至少5个字）';
    if (wantedBy < today) e.wantedBy = '期望日期不能早于今天';
    return e;
  };

  const submit = async () => {
    if (!form.check(check())) return;
    if (photos.uploading) {
      form.setError('图片还在上传，请稍候');
      return;
    }
    askSubscription(['wishProgress']); // told when it is published, claimed, fulfilled…
    await form.run(async () => {
      const wish = await call('wish', 'post', {
        communityId: first.communityId,
        householdId,
        category: category!,
        title: title.trim(),
        content: content.trim(),
        photos: photos.fileIds,
        wantedBy,
      });
      void Taro.showToast(
        wish.held
          ? { title: HELD_NOTICE, icon: 'none', duration: 2500 }
          : { title: '已提交，等待审核', icon: 'success' },
      );
      void Taro.redirectTo({ url: wishUrls.detail(wish.id) });
    });
  };

  return (
    <View className='screen wish-form'>
      <View className='wish-form__intro'>
        <Text className='wish-form__intro-title'>说说您的小心愿</Text>
        <Text className='wish-form__intro-text'>提交后由楼栋党小组长审核，发布后党员可以认领帮您实现。</Text>
      </View>
      <View className='card'>
        {homes.length > 1 ? (
          <ChoiceChips
            label='为哪一户许愿'
            choices={homes.map((h) => ({ value: h.householdId ?? '', label: h.scopeLabel }))}
            value={householdId}
            onChange={(v) => form.set('householdId', v)}
            error={form.err('householdId')}
          />
        ) : null}
        <ChoiceChips
          label='心愿类别'
          choices={categoryChoices}
          value={category}
          onChange={(v) => form.set('category', v)}
          error={form.err('category')}
        />
        <FormField {...FIELDS.title} {...form.text('title')} />
        <FormField {...FIELDS.content} {...form.text('content')} />
        <View className={`form-field ${form.err('wantedBy') ? 'has-error' : ''}`}>
          <Text className='form-field__label'>希望在哪天之前实现</Text>
          <Picker
            mode='date'
            value={wantedBy}
            start={today}
            end={cstDay(365)}
            onChange={(e) => form.set('wantedBy', String(e.detail.value))}
          >
            <View className='form-field__input wish-form__date' data-testid='wish-wanted-by'>
              <Text>{wantedBy}</Text>
              <Text className='wish-form__date-change'>修改</Text>
            </View>
          </Picker>
          {form.err('wantedBy') ? (
            <View className='form-field__error' role='alert'>
              {form.err('wantedBy')}
            </View>
          ) : null}
        </View>
        <PhotoField label='照片（选填）' photos={photos} error={form.err('photos')} hint='最多3张，每张不超过5MB' />
      </View>
      <FormError className='wish-form__error' message={formError} />
      <BusyButton
        className='btn btn--primary btn--block wish-form__submit'
        busy={busy}
        disabled={photos.uploading}
        onTap={() => void submit()}
        testId='wish-submit'
      >
        {/* The label in its own element: in H5, a Button's text changed by React under its loading
            spinner broke the spinner's insertion (NotFoundError: insertBefore). */}
        <Text>{photos.uploading ? '图片上传中…' : '提交心愿'}</Text>
      </BusyButton>
    </View>
  );
}

export function PostWishScreen() {
  const { me } = useCurrentUser();
  if (me.loading && !me.data) return <LoadingView />;
  if (me.error && !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  const residentRoles = (me.data?.roles ?? []).filter((r) => r.kind === 'resident' && r.householdId);
  const community = residentRoles[0]?.communityId;
  const homes = residentRoles.filter((r) => r.communityId === community);
  if (homes.length === 0) {
    return (
      <View className='screen'>
        <EmptyView title='绑定房屋后才能许愿' hint='请先在“我的”中绑定您家的房屋，审核通过后再来许个心愿。' />
        <Button className='btn btn--primary btn--block' onClick={() => void Taro.switchTab({ url: wishUrls.mineTab })}>
          去绑定房屋
        </Button>
      </View>
    );
  }
  return <PostForm homes={homes} />;
}
