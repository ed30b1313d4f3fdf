/**
 * 导出 from the dashboard: one kind of record for the date range, read page by page
 * (`dashboard.exportXlsx` returns at most 500 rows a call and the cursor of the next page) and
 * saved as it arrives — a download in the browser, a document in WeChat. An export of several
 * pages becomes several files named …(第N部分).xlsx.
 */
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { saveSpreadsheet } from '@/shared/save-file';
import type { ExportKind } from '~types/dashboard';

export const EXPORTS: ReadonlyArray<{ kind: ExportKind; label: string }> = [
  { kind: 'members', label: '党员积分' },
  { kind: 'wishes', label: '微心愿' },
  { kind: 'volunteer_hours', label: '志愿时长' },
  { kind: 'topics', label: '议事记录' },
];

/**
 * The name of part `part` of a multi-page export: the server's name without its own page suffix
 * ("-第2页") and extension, then "(第2部分).xlsx".
 */
export function partFileName(serverName: string, part: number): string {
  const base = serverName.replace(/\.xlsx$/i, '').replace(/-第\d+页$/, '');
  return `${base}(第${part}部分).xlsx`;
}

export interface ExportOutcome {
  files: number;
  rows: number;
}

/**
 * Exports every page; shows progress and the outcome. Resolves with what was saved, or null
 * when it failed (the reason has been shown).
 */
export async function exportRecords(input: {
  communityId: string;
  kind: ExportKind;
  from: string;
  to: string;
}): Promise<ExportOutcome | null> {
  let cursor: string | undefined;
  let part = 1;
  let rows = 0;
  try {
    for (;;) {
      void Taro.showLoading({ title: `正在导出第${part}部分…`, mask: true });
      const file = await call('dashboard', 'exportXlsx', cursor === undefined ? input : { ...input, cursor });
      const several = part > 1 || file.nextCursor !== null;
      await saveSpreadsheet(several ? partFileName(file.fileName, part) : file.fileName, file.base64);
      rows += file.rows;
      if (file.nextCursor === null) break;
      cursor = file.nextCursor;
      part += 1;
    }
    Taro.hideLoading();
    void Taro.showToast(
      part > 1
        ? { title: `已导出 ${rows} 行，共 ${part} 个文件`, icon: 'none' }
        : { title: `已导出 ${rows} 行`, icon: 'success' },
    );
    return { files: part, rows };
  } catch (e) {
    Taro.hideLoading();
    // Saving fails with a plain Error whose message is already Chinese; server errors are AppErrors.
    const message = e instanceof Error && !('code' in e) ? e.message : errorMessage(e);
    void Taro.showModal({
      title: '导出失败',
      content: part > 1 ? `第${part}部分导出失败（前${part - 1}部分已保存）：${message}` : message,
      showCancel: false,
    });
    return null;
  }
}
