/** 意见收集's sheet: an opinion (text + photos). */
import { useState } from 'react';
import { Text } from '@tarojs/components';
import { FormField } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import { useAction } from '@/shared/use-action';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';
import type { SheetProps } from '../../common/sheet-props';

export function OpinionSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (text: string, photos: string[]) => Promise<void> }) {
  const [text, setText] = useState('');
  const photos = usePhotoSlots(3);
  const s = useAction({ onStale });
  const confirm = () => {
    const value = text.trim();
    const problems: Record<string, string> = {};
    if (value.length < 5) problems.text = '请写下您的意见（至少5个字）';
    if (photos.uploading) problems.photos = '图片还在上传，请稍候';
    if (!s.check(problems)) return;
    void s.run(() => onSubmit(value, photos.fileIds));
  };
  return (
    <Sheet title='发表意见' confirmText='发表' busy={s.busy} error={s.error} onCancel={onCancel} onConfirm={confirm}>
      <Text className='dlb-sheet__intro'>您的意见其他居民可以看到（姓名会隐去），支持多的意见排在前面。</Text>
      <FormField
        label='我的意见'
        value={text}
        onInput={(v) => {
          setText(v);
          s.clear('text');
        }}
        error={s.fields.text || undefined}
        placeholder='例如：支持加装电梯，希望一楼住户的采光也考虑进去'
        multiline
        maxlength={500}
        testId='opinion-text'
      />
      <PhotoField label='图片（选填）' photos={photos} error={s.fields.photos || undefined} />
    </Sheet>
  );
}
