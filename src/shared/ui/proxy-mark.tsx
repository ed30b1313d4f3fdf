/**
 * "由…代办" (`proxyMark`, the words every view of a 代办 act uses — docs/adr/0040-proxy-acts.md) as
 * the mark the wish wall's and 我的心愿's cards, an activity card's sign-up, a wish's detail, an
 * opinion and the roster show: a `.tag` by default (elder mode through its `text()` size); nothing
 * when no proxy acted.
 */
import { Text } from '@tarojs/components';
import { proxyMark } from '~types/labels/proxy';

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
      {proxyMark({ actorName: name })}
      {what}
    </Text>
  ) : null;
}
