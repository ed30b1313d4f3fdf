/**
 * A step's period, chosen by tapping (no keyboard): 1, 3, 7, 14 or 30 days, 7 by default as the
 * field reports do it. The server counts the days from its own clock when the step opens.
 */
import { ChoiceChips } from '@/shared/ui/form-field';
import { PERIOD_DAYS } from '~types/labels/deliberation';

export const PERIOD_CHOICES = [1, 3, 7, 14, PERIOD_DAYS.max] as const;
export const DEFAULT_PERIOD: number = PERIOD_DAYS.default;

export function PeriodChips({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number;
  onChange: (days: number) => void;
  error?: string | undefined;
}) {
  return (
    <ChoiceChips
      label={label}
      choices={PERIOD_CHOICES.map((d) => ({
        value: String(d),
        label: `${d} 天`,
        ...(d === DEFAULT_PERIOD ? { hint: '常用' } : {}),
      }))}
      value={String(value)}
      onChange={(v) => onChange(Number(v))}
      error={error}
    />
  );
}
