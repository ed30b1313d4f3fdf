/**
 * 季度: the current quarter and the three before it as chips in a card, above a quarter's
 * report; a screen starts on `currentQuarter()`.
 */
import { View } from '@tarojs/components';
import { quarterLabel, recentQuarters } from '../quarter';
import { ChoiceChips } from './form-field';

export function QuarterChips({ value, onChange }: { value: string; onChange: (quarter: string) => void }) {
  return (
    <View className='card filter-card'>
      <ChoiceChips
        label='季度'
        choices={recentQuarters(4).map((q) => ({ value: q, label: quarterLabel(q) }))}
        value={value}
        onChange={onChange}
      />
    </View>
  );
}
