/**
 * A sheet for one required text: a reason (终止, 暂停/恢复公示), an objection or an answer — the
 * shared reason sheet with deliberation's intro style and its input fields (`text`, `reason`,
 * `answer`). A refusal with field errors shows in place; one that means the topic moved on
 * (`stale`) is handed back.
 */
import { Text } from '@tarojs/components';
import { ReasonSheet } from '@/shared/ui/reason-sheet';
import type { SheetProps } from './sheet-props';

const FIELDS = ['text', 'reason', 'answer'] as const;

/** A text sheet's wording and limits: data, so a step lists its text sheets in one table. */
export interface TextSheetSpec {
  title: string;
  label: string;
  placeholder: string;
  confirmText: string;
  intro?: string;
  danger?: boolean;
  /** Fewest characters (2) and most (200). */
  min?: number;
  max?: number;
  testId: string;
}

/** One required text (a reason, an objection, an answer). */
export function TextSheet({
  label,
  intro,
  min = 2,
  max = 200,
  onStale,
  ...rest
}: SheetProps & TextSheetSpec & { onSubmit: (text: string) => Promise<void> }) {
  return (
    <ReasonSheet
      {...rest}
      label={label}
      intro={intro ? <Text className='dlb-sheet__intro'>{intro}</Text> : undefined}
      min={min}
      max={max}
      tooShort={`请填写${label.replace(/（.*）$/, '')}（至少${min}个字）`}
      fields={FIELDS}
      onStale={onStale}
    />
  );
}
