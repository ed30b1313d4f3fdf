/**
 * 导入房屋: choose a csv/xlsx file (columns 小区, 楼栋, 房号, 建筑面积, 党员中心户), check it first
 * (dry run: nothing is written, row errors listed), then confirm to import all rows at once.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { call, errorMessage } from '@/services/cloud';
import { pickSpreadsheet, type PickedFile } from '@/shared/pick-file';
import { Sheet } from '@/shared/ui/sheet';
import type { ImportHouseholdsResult } from '~types/org';

export function ImportSheet({
  communityId,
  onDone,
  onCancel,
}: {
  communityId: string;
  onDone: (r: ImportHouseholdsResult) => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [check, setCheck] = useState<ImportHouseholdsResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    setError(null);
    try {
      const picked = await pickSpreadsheet();
      if (!picked) return;
      setFile(picked);
      setCheck(null);
      setBusy(true);
      setCheck(
        await call('org', 'importHouseholds', {
          communityId,
          format: picked.format,
          content: picked.content,
          dryRun: true,
        }),
      );
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file || !check || check.errors.length > 0) {
      void choose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await call('org', 'importHouseholds', {
        communityId,
        format: file.format,
        content: file.content,
        dryRun: false,
      });
      if (result.errors.length > 0) setCheck(result);
      else onDone(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const ready = Boolean(file && check && check.errors.length === 0);
  return (
    <Sheet
      title='从表格导入房屋'
      confirmText={ready ? `确认导入 ${check?.rows ?? 0} 行` : file ? '重新选择文件' : '选择文件'}
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={() => void (ready ? confirm() : choose())}
    >
      <Text className='card__text'>
        表格第一行为表头，依次为：小区、楼栋、房号、建筑面积、党员中心户（是/否）。支持 csv 和 xlsx，不超过
        2MB。先检查，无误后再导入；有任何错误时不会写入。
      </Text>
      <View className='org-import__file'>
        <Text className='org-import__file-name'>{file ? file.name : '尚未选择文件'}</Text>
        {file ? (
          <Button className='btn btn--plain btn--small' disabled={busy || undefined} onClick={() => void choose()}>
            换一个
          </Button>
        ) : null}
      </View>
      {busy && !check ? <Text className='card__text'>正在检查…</Text> : null}
      {check ? (
        check.errors.length === 0 ? (
          <View className='org-import__ok' data-testid='import-check'>
            <Text>检查通过：共 {check.rows} 行，可以导入。</Text>
          </View>
        ) : (
          <View className='org-import__errors' data-testid='import-check'>
            <Text className='org-import__errors-title'>
              共 {check.rows} 行，发现 {check.errors.length} 处错误，请修改表格后重新选择：
            </Text>
            {check.errors.slice(0, 50).map((e, i) => (
              <Text key={i} className='org-import__error'>
                第 {e.row} 行：{e.message}
              </Text>
            ))}
            {check.errors.length > 50 ? (
              <Text className='org-import__error'>……另有 {check.errors.length - 50} 处</Text>
            ) : null}
          </View>
        )
      ) : null}
    </Sheet>
  );
}
