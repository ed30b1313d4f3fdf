/**
 * The history of a thing as a vertical line of dots: each entry says what changed, when and by
 * whom, with an optional note. `block` is the BEM block of the calling feature's styles
 * (`wish-timeline`, `dlb-timeline`); the card carries `testId`.
 */
import { Text, View } from '@tarojs/components';
import { formatShanghai } from '@/shared/format-time';

export interface TimelineEntry {
  /** What changed, e.g. `待审核 → 已发布`. */
  what: string;
  at: string;
  byName: string;
  note?: string | null;
}

export function Timeline({
  entries,
  block,
  testId,
}: {
  entries: readonly TimelineEntry[];
  block: string;
  testId: string;
}) {
  return (
    <View className={`card ${block}`} data-testid={testId}>
      {entries.map((t, i) => (
        <View key={`${t.at}-${i}`} className={`${block}__item ${i === entries.length - 1 ? 'is-last' : ''}`}>
          <View className={`${block}__dot`} />
          <View className={`${block}__body`}>
            <Text className={`${block}__what`}>{t.what}</Text>
            <Text className={`${block}__meta`}>
              {formatShanghai(t.at)} · {t.byName}
            </Text>
            {t.note ? <Text className={`${block}__note`}>{t.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
