/**
 * A row of uploaded photos; tapping one opens the viewer on it with the others beside it.
 * `block` is the BEM block of the calling feature's styles (`wish-gallery`, `dlb-gallery`);
 * `markSingle` adds `is-single` to a lone photo so it can be shown large.
 */
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';

export function Photos({
  photos,
  block,
  testId,
  markSingle,
}: {
  photos: readonly { fileId: string; url: string }[];
  block: string;
  testId?: string;
  markSingle?: boolean;
}) {
  if (photos.length === 0) return null;
  const urls = photos.map((p) => p.url);
  const single = markSingle && photos.length === 1 ? ' is-single' : '';
  return (
    <View className={block} data-testid={testId}>
      {photos.map((p) => (
        <Image
          key={p.fileId}
          className={`${block}__img${single}`}
          src={p.url}
          mode='aspectFill'
          onClick={() => void Taro.previewImage({ urls, current: p.url })}
        />
      ))}
    </View>
  );
}
