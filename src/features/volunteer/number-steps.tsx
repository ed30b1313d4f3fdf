/**
 * − and + buttons under a number field of the activity form (名额, 每小时积分), so a number can be
 * chosen without the keyboard; typing still works. step-value.ts is the pure arithmetic.
 */
import { Button, View } from '@tarojs/components';
import { stepValue } from './step-value';

export function NumberSteps({
  name,
  value,
  onChange,
  min,
  max,
  step,
  testId,
}: {
  /** Read out with the buttons: 名额 → "名额减少1". */
  name: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  step: number;
  testId: string;
}) {
  const n = Number(value);
  return (
    <View className='vol-steps'>
      <Button
        className='btn btn--ghost vol-steps__button'
        aria-label={`${name}减少${step}`}
        disabled={(Number.isFinite(n) && value.trim() !== '' && n <= min) || undefined}
        onClick={() => onChange(stepValue(value, -step, min, max))}
        data-testid={`${testId}-minus`}
      >
        −{step}
      </Button>
      <Button
        className='btn btn--ghost vol-steps__button'
        aria-label={`${name}增加${step}`}
        disabled={(Number.isFinite(n) && n >= max) || undefined}
        onClick={() => onChange(stepValue(value, step, min, max))}
        data-testid={`${testId}-plus`}
      >
        +{step}
      </Button>
    </View>
  );
}
