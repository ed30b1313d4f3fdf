/**
 * 保存图片 in WeChat: the service record drawn on an offscreen 2D canvas, written to a file and
 * saved to the photo album (the person is asked for permission the first time). When the
 * device cannot draw it, the caller falls back to the screenshot-friendly card.
 */
import Taro from '@tarojs/taro';
import { PrivacyRefusedError } from '@/shared/privacy';
import { saveImageToPhotosAlbum } from '@/shared/privacy/guarded';
import { writeUserFile } from '@/shared/write-file';
import { drawRecord, RECORD_WIDTH, recordHeight, type Ctx2d, type ServiceRecord } from './service-record';

export async function saveRecordImage(record: ServiceRecord): Promise<void> {
  const height = recordHeight(record);
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: RECORD_WIDTH, height }) as unknown as {
    getContext: (kind: '2d') => Ctx2d;
    toDataURL: () => string;
  };
  drawRecord(canvas.getContext('2d'), record);
  const base64 = canvas.toDataURL().replace(/^data:image\/\w+;base64,/, '');
  const filePath = await writeUserFile(`service-record-${Date.now()}.png`, base64, '生成图片失败，请截屏保存');
  try {
    await saveImageToPhotosAlbum({ filePath });
  } catch (e) {
    if (e instanceof PrivacyRefusedError) throw e;
    throw new Error('没有保存到相册（可能未允许访问相册），请截屏保存');
  }
}
