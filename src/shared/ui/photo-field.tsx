/**
 * A few photos for a form (a wish, a fulfilment, a topic, an opinion…): choose (checked on the device: images only,
 * at most 5 MB), upload at once (cloud storage in WeChat, the local server in the browser),
 * show thumbnails with a remove button. The form sends the `cloud://` ids of finished uploads.
 */
import { useCallback, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pickImages, uploadImage } from '@/shared/upload-image';
import { Field } from './form-field';
import './photo-field.scss';

export interface PhotoSlot {
  key: string;
  preview: string;
  fileId: string | null;
  failed: boolean;
}

export function usePhotoSlots(max = 3) {
  const [slots, setSlots] = useState<PhotoSlot[]>([]);
  const counter = useRef(0);

  const add = useCallback(async () => {
    const room = max - slots.length;
    if (room <= 0) return;
    const { images, refused } = await pickImages(room);
    if (refused) void Taro.showToast({ title: refused, icon: 'none', duration: 2500 });
    const fresh = images.map((image) => ({ image, key: `p${(counter.current += 1)}` }));
    setSlots((old) => [
      ...old,
      ...fresh.map(({ image, key }) => ({ key, preview: image.preview, fileId: null, failed: false })),
    ]);
    await Promise.all(
      fresh.map(async ({ image, key }) => {
        try {
          const fileId = await uploadImage(image);
          setSlots((old) => old.map((s) => (s.key === key ? { ...s, fileId } : s)));
        } catch (e) {
          setSlots((old) => old.filter((s) => s.key !== key));
          void Taro.showToast({ title: e instanceof Error ? e.message : '图片上传失败，请重试', icon: 'none' });
        }
      }),
    );
  }, [max, slots.length]);

  const remove = useCallback((key: string) => setSlots((old) => old.filter((s) => s.key !== key)), []);

  return {
    slots,
    add,
    remove,
    max,
    uploading: slots.some((s) => s.fileId === null),
    fileIds: slots.flatMap((s) => (s.fileId ? [s.fileId] : [])),
  };
}

export function PhotoField({
  label,
  photos,
  error,
  hint,
}: {
  label: string;
  photos: ReturnType<typeof usePhotoSlots>;
  error?: string | undefined;
  hint?: string;
}) {
  return (
    <Field label={`${label} ${photos.slots.length}/${photos.max}`} error={error}>
      <View className='photo-field'>
        {photos.slots.map((s) => (
          <View key={s.key} className='photo-field__item' data-testid='photo-thumb'>
            <Image className='photo-field__img' src={s.preview} mode='aspectFill' />
            {s.fileId === null ? <Text className='photo-field__busy'>上传中…</Text> : null}
            <View
              className='photo-field__remove'
              role='button'
              aria-label='删除这张图片'
              onClick={() => photos.remove(s.key)}
            >
              ×
            </View>
          </View>
        ))}
        {photos.slots.length < photos.max ? (
          <View
            className='photo-field__add'
            role='button'
            aria-label='添加图片'
            data-testid='photo-add'
            onClick={() => void photos.add()}
          >
            <Text className='photo-field__plus'>＋</Text>
            <Text className='photo-field__add-text'>添加图片</Text>
          </View>
        ) : null}
      </View>
      {hint ? <Text className='photo-field__hint'>{hint}</Text> : null}
    </Field>
  );
}
