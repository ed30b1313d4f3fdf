/**
 * The two ways a list is filtered: a row of tabs (`FilterBar`, a few segments that fit the
 * width) and a row of chips that scrolls sideways (`FilterChips`, many options, the first one
 * 全部 for no filter).
 */
import { ScrollView, View } from '@tarojs/components';

export function FilterBar<V extends string>({
  options,
  value,
  onChange,
  className,
  testId,
}: {
  options: ReadonlyArray<readonly [V, string]>;
  value: V;
  onChange: (value: V) => void;
  /** More classes beside `filter-bar` (spacing on one screen). */
  className?: string;
  testId?: string;
}) {
  return (
    <View className={className ? `filter-bar ${className}` : 'filter-bar'} role='tablist' data-testid={testId}>
      {options.map(([key, label]) => (
        <View
          key={key}
          className={`filter-bar__item ${value === key ? 'is-active' : ''}`}
          role='tab'
          aria-selected={value === key}
          onClick={() => onChange(key)}
        >
          {label}
        </View>
      ))}
    </View>
  );
}

export function FilterChips<V extends string>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  /** What the chips filter by (read out by screen readers). */
  label: string;
  options: ReadonlyArray<readonly [V, string]>;
  value: V | null;
  onChange: (value: V | null) => void;
  testId: string;
}) {
  const all: ReadonlyArray<readonly [V | null, string]> = [[null, '全部'], ...options];
  return (
    <ScrollView scrollX className='filter-chips' aria-label={label} data-testid={testId}>
      <View className='filter-chips__row' role='tablist'>
        {all.map(([key, text]) => (
          <View
            key={key ?? 'all'}
            className={`filter-chips__chip ${value === key ? 'is-active' : ''}`}
            role='tab'
            aria-selected={value === key}
            onClick={() => onChange(key)}
          >
            {text}
          </View>
        ))}
      </View>
    </ScrollView>
  );
}
