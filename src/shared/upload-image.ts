/**
 * Photos in WeChat: chosen with `chooseMedia` (images only, compressed; behind the privacy
 * gate, privacy/guarded.ts), checked here (an image, at most 5 MB), then put in cloud storage
 * with `wx.cloud.uploadFile`, which yields the `cloud://` file id the functions store.
 * upload-image.h5.ts does the same in the browser.
 */
import Taro from '@tarojs/taro';
import { cstParts } from '~types/time';
import { PrivacyRefusedError } from './privacy';
import { chooseMedia } from './privacy/guarded';
import { checkImage, type LocalImage, type PickResult } from './image-file';

export type { LocalImage, PickResult } from './image-file';

/** Lets the person choose up to `count` images; resolves an empty pick when they cancel. */
export async function pickImages(count: number): Promise<PickResult> {
  if (count <= 0) return { images: [], refused: null };
  let chosen: Taro.chooseMedia.SuccessCallbackResult;
  try {
    chosen = await chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] });
  } catch (e) {
    // Cancelled: nothing to say. Privacy refused: say why nothing happened.
    return { images: [], refused: e instanceof PrivacyRefusedError ? e.message : null };
  }
  const images: LocalImage[] = [];
  let refused: string | null = null;
  for (const file of chosen.tempFiles.slice(0, count)) {
    const problem = checkImage({ size: file.size, isImage: file.fileType === 'image' });
    if (problem) refused = problem;
    else images.push({ preview: file.tempFilePath, size: file.size, source: file.tempFilePath });
  }
  return { images, refused };
}

function extensionOf(path: string): string {
  const ext = /\.(jpe?g|png|webp|gif)$/i.exec(path)?.[0];
  return ext ? ext.toLowerCase() : '.jpg';
}

/** Uploads one chosen image; resolves its `cloud://` file id, rejects with a Chinese message. */
export async function uploadImage(image: LocalImage): Promise<string> {
  const { year, month, day } = cstParts(new Date());
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const random = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const filePath = String(image.source);
  try {
    const res = await Taro.cloud.uploadFile({
      cloudPath: `wishes/${date}/${random}${extensionOf(filePath)}`,
      filePath,
    });
    if (!res.fileID) throw new Error('no fileID');
    return res.fileID;
  } catch {
    throw new Error('图片上传失败，请重试');
  }
}
