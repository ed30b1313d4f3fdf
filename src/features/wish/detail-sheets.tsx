/**
 * The forms behind the wish's irreversible steps, each a bottom sheet: a required reason
 * (reject, release, revoke), the fulfilment note with photos, the confirmation with 1–5 stars
 * and thanks, and — for a liaison — whom a claim is for. A refusal with field errors shows in
 * place; one that means the wish moved on (`stale`) is handed back so the screen can reload.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { askSubscription } from '@/shared/subscribe';
import { ChoiceChips, FormField } from '@/shared/ui/form-field';
import { ReasonSheet as SharedReasonSheet, type ReasonSheetProps } from '@/shared/ui/reason-sheet';
import { Sheet } from '@/shared/ui/sheet';
import type { AppError } from '~types/errors';
import { useAction } from '@/shared/use-action';
import { Stars } from '@/shared/ui/stars';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';

interface Common {
  onCancel: () => void;
  onStale: (e: AppError) => void;
}

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
  const [note, setNote] = useState('');
  const photos = usePhotoSlots(3);
  const s = useAction({ onStale });
  const confirm = () => {
    const text = note.trim();
    if (text.length < 5) {
      s.check({ note: '请写下完成情况（至少5个字）' });
      return;
    }
    if (photos.uploading) {
      s.check({ photos: '图片还在上传，请稍候' });
      return;
    }
    void s.run(() => onSubmit(text, photos.fileIds));
  };
  return (
    <Sheet
      title='标记心愿已完成'
      confirmText='确认已完成'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='wish-sheet__intro'>写下您是怎样帮助实现这个心愿的，居民确认后积分将记入您的名下。</Text>
      <FormField
        label='完成情况'
        value={note}
        onInput={(v) => {
          setNote(v);
          s.clear('note');
        }}
        error={s.fields.note || undefined}
        placeholder='例如：已于周六上门送去助行器，并教会老人使用'
        multiline
        maxlength={500}
        testId='wish-fulfil-note'
      />
      <PhotoField label='现场照片（选填）' photos={photos} error={s.fields.photos || undefined} />
    </Sheet>
  );
}

const ratingWords = ['', '不满意', '一般', '还行', '满意', '非常满意'];

export function ConfirmSheet({
  onSubmit,
  onCancel,
  onStale,
}: Common & { onSubmit: (rating: number, thanks: string) => Promise<void> }) {
  const [rating, setRating] = useState(0);
  const [thanks, setThanks] = useState('');
  const s = useAction({ onStale });
  const confirm = () => {
    if (rating < 1) {
      s.check({ rating: '请点星星打分' });
      return;
    }
    void s.run(() => onSubmit(rating, thanks.trim()));
  };
  return (
    <Sheet
      title='确认心愿已实现'
      confirmText='确认并评价'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='wish-sheet__intro'>确认后心愿完成，认领人将获得积分。确认后不能撤回。</Text>
      <View className={`form-field ${s.fields.rating ? 'has-error' : ''}`}>
        <Text className='form-field__label'>您的评价</Text>
        <View className='wish-sheet__rating'>
          <Stars
            block='wish-stars'
            readRole='img'
            value={rating}
            onChange={(n) => {
              setRating(n);
              s.clear('rating');
            }}
          />
          <Text className='wish-sheet__rating-word'>{ratingWords[rating] ?? ''}</Text>
        </View>
        {s.fields.rating ? (
          <View className='form-field__error' role='alert'>
            {s.fields.rating}
          </View>
        ) : null}
      </View>
      <FormField
        label='想说的感谢话（选填）'
        value={thanks}
        onInput={(v) => {
          setThanks(v);
          s.clear('thanks');
        }}
        error={s.fields.thanks || undefined}
        placeholder='例如：谢谢小李，帮了我大忙！'
        multiline
        maxlength={200}
        testId='wish-thanks'
      />
    </Sheet>
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
  const [value, setValue] = useState(choices[0]?.value ?? '');
  const s = useAction({ onStale });
  const chosen = choices.find((c) => c.value === value);
  return (
    <Sheet
      title='认领这个心愿'
      confirmText='确认认领'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={() => {
        askSubscription(['claimProgress']); // in the tap: told when the claim is confirmed, revoked or released
        void s.run(() => onSubmit(chosen?.workUnitId ?? null));
      }}
    >
      <Text className='wish-sheet__intro'>认领后您将看到居民的联系方式，请尽快联系并帮助实现心愿。</Text>
      <ChoiceChips label='以谁的名义认领' choices={choices} value={value} onChange={setValue} />
    </Sheet>
  );
}
