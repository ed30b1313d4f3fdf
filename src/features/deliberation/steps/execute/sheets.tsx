/** 执行's sheets: moving to execution (executor + due date) and a progress report. */
import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { FormField } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import { useAction } from '@/shared/use-action';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';
import { dayAhead } from '../../wall-time';
import type { SheetProps } from '../../common/sheet-props';

export function ExecuteSheet({
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { onSubmit: (executor: string, dueDate: string) => Promise<void> }) {
  const [executor, setExecutor] = useState('');
  const [due, setDue] = useState(dayAhead(30));
  const s = useAction({ onStale });
  const confirm = () => {
    if (!s.check(executor.trim().length < 2 ? { executor: '请填写执行方（至少2个字）' } : {})) return;
    void s.run(() => onSubmit(executor.trim(), due));
  };
  return (
    <Sheet
      title='进入执行'
      confirmText='进入执行'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>公示期满、异议均已答复后，确定执行方和完成期限，议题进入执行。</Text>
      <FormField
        label='执行方'
        value={executor}
        onInput={(v) => {
          setExecutor(v);
          s.clear('executor');
        }}
        error={s.fields.executor || undefined}
        placeholder='例如：幸福里物业服务中心'
        maxlength={40}
        testId='execute-executor'
      />
      <View className={`form-field ${s.fields.dueDate ? 'has-error' : ''}`}>
        <Text className='form-field__label'>完成期限</Text>
        <Picker mode='date' value={due} onChange={(e) => setDue(String(e.detail.value))}>
          <View className='form-field__input' data-testid='execute-due'>
            {due}
          </View>
        </Picker>
        {s.fields.dueDate ? <View className='form-field__error'>{s.fields.dueDate}</View> : null}
      </View>
    </Sheet>
  );
}

export function ProgressSheet({
  last,
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { last: number; onSubmit: (percent: number, note: string, photos: string[]) => Promise<void> }) {
  const [percent, setPercent] = useState(String(Math.min(100, last + 10)));
  const [note, setNote] = useState('');
  const photos = usePhotoSlots(3);
  const s = useAction({ onStale });
  const confirm = () => {
    const p = Number(percent);
    const problems: Record<string, string> = {};
    if (!Number.isInteger(p) || p < 0 || p > 100) problems.percent = '进度为0到100的整数';
    else if (p < last) problems.percent = `进度不能低于上次的${last}%`;
    if (note.trim().length < 2) problems.note = '请填写进展说明（至少2个字）';
    if (photos.uploading) problems.photos = '图片还在上传，请稍候';
    if (!s.check(problems)) return;
    void s.run(() => onSubmit(p, note.trim(), photos.fileIds));
  };
  return (
    <Sheet
      title='更新进度'
      confirmText='提交进度'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>发表过意见和支持意见的居民会收到进度通知。</Text>
      <FormField
        label='完成进度（%）'
        value={percent}
        type='number'
        onInput={(v) => {
          setPercent(v);
          s.clear('percent');
        }}
        error={s.fields.percent || undefined}
        maxlength={3}
        testId='progress-percent'
      />
      <FormField
        label='进展说明'
        value={note}
        onInput={(v) => {
          setNote(v);
          s.clear('note');
        }}
        error={s.fields.note || undefined}
        placeholder='例如：已完成井道施工'
        multiline
        maxlength={500}
        testId='progress-note'
      />
      <PhotoField label='现场照片（选填）' photos={photos} error={s.fields.photos || undefined} />
    </Sheet>
  );
}
