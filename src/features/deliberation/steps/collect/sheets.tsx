/** 意见收集's sheet: an opinion (text + photos). */
import { Text } from '@tarojs/components';
import { FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';
import type { SheetProps } from '../../common/sheet-props';

const FIELDS = {
  text: {
    label: '我的意见',
    placeholder: '例如：支持加装电梯，希望一楼住户的采光也考虑进去',
    multiline: true,
    maxlength: 500,
    testId: 'opinion-text',
  },
} satisfies Record<string, TextFieldSpec>;

export function OpinionSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (text: string, photos: string[]) => Promise<void> }) {
  const s = useForm({ text: '' }, { onStale });
  const photos = usePhotoSlots(3);
  const text = s.values.text.trim();
  return (
    <FormSheet
      form={s}
      title='发表意见'
      confirmText='发表'
      check={() => ({
        text: text.length < 5 ? '请写下您的意见（至少5个字）' : undefined,
        photos: photos.uploading ? '图片还在上传，请稍候' : undefined,
      })}
      submit={() => onSubmit(text, photos.fileIds)}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>您的意见其他居民可以看到（姓名会隐去），支持多的意见排在前面。</Text>
      <FormField {...FIELDS.text} {...s.text('text')} />
      <PhotoField label='图片（选填）' photos={photos} error={s.err('photos')} />
    </FormSheet>
  );
}
