/**
 * The forms behind the wish's irreversible steps, each a bottom sheet: a required reason
 * (reject, release, revoke), the fulfilment note with photos, the confirmation with 1–5 stars
 * and thanks, and — for a liaison — whom a claim is for. A refusal with field errors shows in
 * place; one that means the wish moved on (`stale`) is handed back so the screen can reload.
 */
import { Text, View } from '@tarojs/components';
import { askSubscription } from '@/shared/subscribe';
import { Field, ChoiceChips, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { ReasonSheet as SharedReasonSheet, type ReasonSheetProps } from '@/shared/ui/reason-sheet';
import type { AppError } from '~types/errors';
import { Stars } from '@/shared/ui/stars';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';

const FIELDS = {
  note: {
    label: '完成情况',
    placeholder: '例如：已于周六上门送去助行器，并教会老人使用',
    multiline: true,
    maxlength: 500,
    testId: 'wish-fulfil-note',
  },
  thanks: {
    label: '想说的感谢话（选填）',
    placeholder: '例如：谢谢小李，帮了我大忙！',
    multiline: true,
    maxlength: 200,
    testId: 'wish-thanks',
  },
} satisfies Record<string, TextFieldSpec>;

interface Common {
  onCancel: () => void;
  onStale: (e: AppError) => void;
}

/** A reason sheet's wording: data, so the screen lists its reason sheets in one table. */
export type ReasonSheetText = Pick<ReasonSheetProps, 'title' | 'label' | 'placeholder' | 'confirmText'> & {
  intro?: string;
};

/** The shared required-reason sheet, with the wish's intro style and test id. */
export function ReasonSheet({
  intro,
  ...props
}: Common & Omit<ReasonSheetProps, 'intro' | 'testId'> & { intro?: string }) {
  return (
    <SharedReasonSheet
      {...props}
      intro={intro ? <Text className='wish-sheet__intro'>{intro}</Text> : null}
      testId='wish-reason'
    />
  );
}

export function FulfilSheet({
  onSubmit,
  onCancel,
  onStale,
}: Common & { onSubmit: (note: string, photos: string[]) => Promise<void> }) {
  const s = useForm({ note: '' }, { onStale });
  const photos = usePhotoSlots(3);
  const note = s.values.note.trim();
  return (
    <FormSheet
      form={s}
      title='标记心愿已完成'
      confirmText='确认已完成'
      check={() =>
        note.length < 5
          ? { note: '请写下完成情况（至少5个字）' }
          : photos.uploading
            ? { photos: '图片还在上传，请稍候' }
            : {}
      }
      submit={() => onSubmit(note, photos.fileIds)}
      onCancel={onCancel}
    >
      <Text className='wish-sheet__intro'>写下您是怎样帮助实现这个心愿的，居民确认后积分将记入您的名下。</Text>
      <FormField {...FIELDS.note} {...s.text('note')} />
      <PhotoField label='现场照片（选填）' photos={photos} error={s.err('photos')} />
    </FormSheet>
  );
}

const ratingWords = ['', '不满意', '一般', '还行', '满意', '非常满意'];

export function ConfirmSheet({
  onSubmit,
  onCancel,
  onStale,
}: Common & { onSubmit: (rating: number, thanks: string) => Promise<void> }) {
  const s = useForm({ rating: 0, thanks: '' }, { onStale });
  const { rating } = s.values;
  return (
    <FormSheet
      form={s}
      title='确认心愿已实现'
      confirmText='确认并评价'
      check={() => (rating < 1 ? { rating: '请点星星打分' } : {})}
      submit={() => onSubmit(rating, s.values.thanks.trim())}
      onCancel={onCancel}
    >
      <Text className='wish-sheet__intro'>确认后心愿完成，认领人将获得积分。确认后不能撤回。</Text>
      <Field label='您的评价' error={s.err('rating')}>
        <View className='wish-sheet__rating'>
          <Stars block='wish-stars' readRole='img' value={rating} onChange={(n) => s.set('rating', n)} />
          <Text className='wish-sheet__rating-word'>{ratingWords[rating] ?? ''}</Text>
        </View>
      </Field>
      <FormField {...FIELDS.thanks} {...s.text('thanks')} />
    </FormSheet>
  );
}

export interface ClaimChoice {
  value: string;
  label: string;
  workUnitId: string | null;
}

export function ClaimSheet({
  choices,
  onSubmit,
  onCancel,
  onStale,
}: Common & { choices: ClaimChoice[]; onSubmit: (workUnitId: string | null) => Promise<void> }) {
  const s = useForm({ value: choices[0]?.value ?? '' }, { onStale });
  const chosen = choices.find((c) => c.value === s.values.value);
  return (
    <FormSheet
      form={s}
      title='认领这个心愿'
      confirmText='确认认领'
      submit={() => {
        askSubscription(['claimProgress']); // in the tap: told when the claim is confirmed, revoked or released
        return onSubmit(chosen?.workUnitId ?? null);
      }}
      onCancel={onCancel}
    >
      <Text className='wish-sheet__intro'>认领后您将看到居民的联系方式，请尽快联系并帮助实现心愿。</Text>
      <ChoiceChips
        label='以谁的名义认领'
        choices={choices}
        value={s.values.value}
        onChange={(v) => s.set('value', v)}
      />
    </FormSheet>
  );
}
