/**
 * 导出Excel: asks the points area for an xlsx (quarter report, service cards, ratings) and saves
 * it — a download in the browser, a document opened in WeChat (see save-file*.ts).
 */
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import type { ExportInput } from '~types/points';
import { saveSpreadsheet } from './save-file';

/** Resolves true when the file was saved; shows the reason and resolves false otherwise. */
export async function exportSpreadsheet(input: ExportInput): Promise<boolean> {
  void Taro.showLoading({ title: '正在导出…', mask: true });
  try {
    const file = await call('points', 'exportXlsx', input);
    await saveSpreadsheet(file.fileName, file.base64);
    Taro.hideLoading();
    void Taro.showToast({ title: `已导出 ${file.rows} 行`, icon: 'success' });
    return true;
  } catch (e) {
    Taro.hideLoading();
    const message = e instanceof Error && !('code' in e) ? e.message : errorMessage(e);
    void Taro.showModal({ title: '导出失败', content: message, showCancel: false });
    return false;
  }
}
