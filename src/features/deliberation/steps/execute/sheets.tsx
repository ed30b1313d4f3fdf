/** 执行's sheets: moving to execution (executor + due date) and a progress report. */
import { useEffect } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { Field, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { FormSheet } from '@/shared/ui/form-sheet';
import { useForm } from '@/shared/use-form';
import { NumberSteps } from '@/shared/ui/number-steps';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';
import { dayAhead } from '../../wall-time';
import type { SheetProps } from '../../common/sheet-props';

const FIELDS = {
  executor: { label: '执行方', placeholder: '例如：幸福里物业服务中心', maxlength: 40, testId: 'execute-executor' },
  percent: { label: '完成进度（%）', type: 'number', maxlength: 3, testId: 'progress-percent' },
  note: {
    label: '进展说明',
    placeholder: '例如：已完成井道施工',
    multiline: true,
    maxlength: 500,
    testId: 'progress-note',
  },
} satisfies Record<string, TextFieldSpec>;

export function ExecuteSheet({
  now,
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & {
  /** The server's time (ms, common/server-clock.ts): the due date starts 30 days after it, not the phone's clock. */
  now: number;
  onSubmit: (executor: string, dueDate: string) => Promise<void>;
}) {
  const s = useForm(() => ({ executor: '', dueDate: dayAhead(30, now) }), { onStale });
  const executor = s.values.executor.trim();
  const { dueDate } = s.values;
  return (
    <FormSheet
      form={s}
      title='进入执行'
      confirmText='进入执行'
      check={() => ({ executor: executor.length < 2 ? '请填写执行方（至少2个字）' : undefined })}
      submit={() => onSubmit(executor, dueDate)}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>公示期满、异议均已答复后，确定执行方和完成期限，议题进入执行。</Text>
      <FormField {...FIELDS.executor} {...s.text('executor')} />
      <Field label='完成期限' error={s.err('dueDate')}>
        <Picker mode='date' value={dueDate} onChange={(e) => s.set('dueDate', String(e.detail.value))}>
          <View className='form-field__input' data-testid='execute-due'>
            {dueDate}
          </View>
        </Picker>
      </Field>
    </FormSheet>
  );
}

export function ProgressSheet({
  last,
  onSubmit,
  onCancel,
  onStale,
}: SheetProps & { last: number; onSubmit: (percent: number, note: string, photos: string[]) => Promise<void> }) {
  const s = useForm({ percent: String(Math.min(100, last + 10)), note: '' }, { onStale });
  const photos = usePhotoSlots(3);
  const { clear } = s;
  // Adding or removing a photo (or an upload ending) changes the field, so its message goes.
  useEffect(() => clear('photos'), [photos.slots, clear]);
  const percent = Number(s.values.percent);
  const note = s.values.note.trim();
  return (
    <FormSheet
      form={s}
      title='更新进度'
      confirmText='提交进度'
      check={() => ({
        percent:
          !Number.isInteger(percent) || percent < 0 || percent > 100
            ? '进度为0到100的整数'
            : percent < last
              ? `进度不能低于上次的${last}%`
              : undefined,
        note: note.length < 2 ? '请填写进展说明（至少2个字）' : undefined,
        photos: photos.uploading ? '图片还在上传，请稍候' : undefined,
      })}
      submit={() => onSubmit(percent, note, photos.fileIds)}
      onCancel={onCancel}
    >
      <Text className='dlb-sheet__intro'>发表过意见和支持意见的居民会收到进度通知。</Text>
      <FormField {...FIELDS.percent} {...s.text('percent')} />
      <NumberSteps
        name='完成进度'
        value={s.values.percent}
        onChange={(v) => s.set('percent', v)}
        min={last}
        max={100}
        step={10}
        testId='progress-percent'
      />
      <FormField {...FIELDS.note} {...s.text('note')} />
      <PhotoField label='现场照片（选填）' photos={photos} error={s.err('photos')} />
    </FormSheet>
  );
}
