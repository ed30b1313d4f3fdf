/**
 * − and + buttons under a number field (an activity's 名额 and 每小时积分, a points adjustment, a
 * topic's progress), so a number can be chosen without the keyboard; typing still works.
 * `@/shared/step-value` is the pure arithmetic.
 */
import { Button, View } from '@tarojs/components';
import { stepValue } from '@/shared/step-value';
import './number-steps.scss';

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
    <View className='number-steps'>
      <Button
        className='btn btn--ghost number-steps__button'
        aria-label={`${name}减少${step}`}
        disabled={(Number.isFinite(n) && value.trim() !== '' && n <= min) || undefined}
        onClick={() => onChange(stepValue(value, -step, min, max))}
        data-testid={`${testId}-minus`}
      >
        −{step}
      </Button>
      <Button
        className='btn btn--ghost number-steps__button'
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
