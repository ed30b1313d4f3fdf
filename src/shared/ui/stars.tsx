/**
 * Five stars: a rating to read (`onChange` absent) or to give (each star a radio). `block` is
 * the BEM block of the calling feature's styles (`wish-stars`, `dlb-stars`); `readRole` is the
 * group's role when it is only read.
 */
import { View } from '@tarojs/components';

export function Stars({
  value,
  onChange,
  block,
  readRole,
}: {
  value: number;
  onChange?: (n: number) => void;
  block: string;
  readRole?: 'img';
}) {
  return (
    <View className={block} role={onChange ? 'radiogroup' : readRole} aria-label={`${value}星`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          className={`${block}__star ${n <= value ? 'is-on' : ''}`}
          role={onChange ? 'radio' : undefined}
          aria-checked={onChange ? n === value : undefined}
          aria-label={`${n}星`}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          ★
        </View>
      ))}
    </View>
  );
}
