/**
 * "由…代办" — the words of `proxyMark` (types/labels/proxy.ts, docs/adr/0040-proxy-acts.md), not
 * imported: that module would bring its labels into the WeChat main package — as the mark the
 * wish wall's and 我的心愿's cards, an activity card's sign-up, a wish's detail, an opinion and the
 * roster show: a `.tag` by default (elder mode through its `text()` size); nothing when no proxy
 * acted.
 */
import { Text } from '@tarojs/components';

export function ProxyMark({
  name,
  what = '',
  className = 'tag',
}: {
  name: string | null;
  what?: string;
  className?: string;
}) {
  return name ? (
    <Text className={className} data-testid='proxy-mark'>
      由{name}代办{what}
    </Text>
  ) : null;
}
