/**
 * 保存图片 in the browser (local mode): the service record drawn on a canvas and downloaded as
 * a PNG. Taro uses this file instead of save-record.ts in the h5 build.
 */
import { drawRecord, RECORD_WIDTH, recordHeight, type Ctx2d, type ServiceRecord } from './service-record';

export async function saveRecordImage(record: ServiceRecord): Promise<void> {
  const canvas = document.createElement('canvas');
  canvas.width = RECORD_WIDTH;
  canvas.height = recordHeight(record);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持生成图片，请截屏保存');
  drawRecord(ctx as unknown as Ctx2d, record);
  const a = document.createElement('a');
  a.href = canvas.toDataURL('image/png');
  a.download = `志愿服务证明-${record.name}.png`;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
