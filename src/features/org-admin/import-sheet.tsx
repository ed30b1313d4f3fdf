/**
 * 导入房屋: choose a csv/xlsx file (columns 小区, 楼栋, 房号, 建筑面积, 党员中心户, optionally 网格), upload it to cloud
 * storage (progress shown), check it (dry run: nothing is written, row errors listed with row,
 * column and reason), then confirm to import all rows at once and show what was done. The call
 * carries only the file id (docs/adr/0023-import-through-storage.md).
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { call, errorMessage } from '@/services/cloud';
import { discardSpreadsheet, pickSpreadsheet, uploadSpreadsheet, type PickedFile } from '@/shared/pick-file';
import { Sheet } from '@/shared/ui/sheet';
import { MAX_IMPORT_ROWS, type ImportHouseholdsResult } from '~types/import-file';

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; percent: number }
  | { step: 'checking' }
  | { step: 'checked'; fileID: string; check: ImportHouseholdsResult }
  | { step: 'importing'; fileID: string; check: ImportHouseholdsResult }
  | { step: 'done'; result: ImportHouseholdsResult };

const ENCODINGS: Record<ImportHouseholdsResult['encoding'], string> = {
  'utf-8': 'UTF-8 编码的 CSV',
  gb18030: 'GBK 中文编码的 CSV',
  xlsx: 'Excel 表格',
};

function messageOf(e: unknown): string {
  return e instanceof Error && !('code' in e) ? e.message : errorMessage(e);
}

function RowErrors({ result }: { result: ImportHouseholdsResult }) {
  const more = result.errorCount - result.errors.length;
  return (
    <View className='org-import__errors' data-testid='import-check'>
      <Text className='org-import__errors-title'>
        共 {result.rows} 行，发现 {result.errorCount} 处错误，未写入任何数据。请修改表格后重新选择：
      </Text>
      {result.errors.map((e, i) => (
        <Text key={i} className='org-import__error'>
          第 {e.row} 行{e.field ? ` · ${e.field}` : ''}：{e.message}
        </Text>
      ))}
      {more > 0 ? <Text className='org-import__error'>……另有 {more} 处错误未列出</Text> : null}
    </View>
  );
}

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
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const busy = phase.step === 'uploading' || phase.step === 'checking' || phase.step === 'importing';

  const choose = async () => {
    setError(null);
    let picked: PickedFile | null;
    try {
      picked = await pickSpreadsheet();
    } catch (e) {
      setError(messageOf(e));
      return;
    }
    if (!picked) return;
    if (phase.step === 'checked') discardSpreadsheet(phase.fileID);
    setFile(picked);
    setPhase({ step: 'uploading', percent: 0 });
    try {
      const fileID = await uploadSpreadsheet(picked, (percent) => setPhase({ step: 'uploading', percent }));
      setPhase({ step: 'checking' });
      const check = await call('org', 'importHouseholds', { communityId, fileID, dryRun: true });
      setPhase({ step: 'checked', fileID, check });
    } catch (e) {
      setPhase({ step: 'idle' });
      setError(messageOf(e));
    }
  };

  const confirm = async () => {
    if (phase.step !== 'checked' || phase.check.errorCount > 0) {
      void choose();
      return;
    }
    const { fileID, check } = phase;
    setPhase({ step: 'importing', fileID, check });
    setError(null);
    try {
      const result = await call('org', 'importHouseholds', { communityId, fileID, dryRun: false });
      setPhase(result.errorCount > 0 ? { step: 'idle' } : { step: 'done', result });
      if (result.errorCount > 0) setError('表格在检查后发生了变化，请修改后重新选择文件');
    } catch (e) {
      // A failed call may still have finished on the server: the same file id asks again safely.
      setPhase({ step: 'checked', fileID, check });
      setError(`${errorMessage(e)}（可再次点击“确认导入”重试，不会重复导入）`);
    }
  };

  const cancel = () => {
    if (phase.step === 'checked') discardSpreadsheet(phase.fileID);
    onCancel();
  };

  const ready = phase.step === 'checked' && phase.check.errorCount === 0;
  const confirmText =
    phase.step === 'done'
      ? '完成'
      : ready
        ? `确认导入 ${phase.check.rows} 行`
        : phase.step === 'importing'
          ? '正在导入…'
          : file
            ? '重新选择文件'
            : '选择文件';
  return (
    <Sheet
      title='从表格导入房屋'
      confirmText={confirmText}
      busy={busy}
      error={error}
      onCancel={phase.step === 'done' ? () => onDone(phase.result) : cancel}
      onConfirm={() => {
        if (phase.step === 'done') onDone(phase.result);
        else void (ready ? confirm() : choose());
      }}
    >
      <Text className='card__text'>
        表格第一行为表头，依次为：小区、楼栋、房号、建筑面积、党员中心户（是/否），可再加一列“网格”（楼栋所属网格，没有的网格会自动新建）。支持
        xlsx 和 csv（UTF-8 或 Excel 默认的 GBK 编码），不超过 4MB、{MAX_IMPORT_ROWS}{' '}
        行。先检查，无误后再导入；有任何错误时不会写入。
      </Text>
      <View className='org-import__file'>
        <Text className='org-import__file-name'>{file ? file.name : '尚未选择文件'}</Text>
        {file && !busy && phase.step !== 'done' ? (
          <Button className='btn btn--plain btn--small' onClick={() => void choose()}>
            换一个
          </Button>
        ) : null}
      </View>
      {phase.step === 'uploading' ? (
        <Text className='card__text' data-testid='import-progress'>
          正在上传… {phase.percent}%
        </Text>
      ) : null}
      {phase.step === 'checking' ? <Text className='card__text'>正在检查…</Text> : null}
      {phase.step === 'importing' ? (
        <Text className='card__text'>正在导入 {phase.check.rows} 行，请勿关闭页面…</Text>
      ) : null}
      {phase.step === 'checked' ? (
        phase.check.errorCount === 0 ? (
          <View className='org-import__ok' data-testid='import-check'>
            <Text>
              检查通过（{ENCODINGS[phase.check.encoding]}）：共 {phase.check.rows} 行，将新增 {phase.check.created}{' '}
              户、更新 {phase.check.updated} 户。
            </Text>
          </View>
        ) : (
          <RowErrors result={phase.check} />
        )
      ) : null}
      {phase.step === 'done' ? (
        <View className='org-import__ok' data-testid='import-result'>
          <Text>
            导入完成：共 {phase.result.rows} 行，新增 {phase.result.created} 户，更新 {phase.result.updated} 户，
            {phase.result.rows - phase.result.created - phase.result.updated} 户无变化。
          </Text>
        </View>
      ) : null}
    </Sheet>
  );
}
