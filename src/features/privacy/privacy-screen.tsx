/**
 * 隐私保护指引: the full text (policy.ts) in large type. Opened from 我的 and from the privacy
 * popup's link when WeChat cannot show its own page for the guideline.
 */
import { Text, View } from '@tarojs/components';
import { POLICY_TITLE, policySections } from './policy';
import './privacy-screen.scss';

export function PrivacyScreen() {
  return (
    <View className='privacy' data-testid='privacy-text'>
      <Text className='privacy__title'>{POLICY_TITLE}</Text>
      {policySections.map((section) => (
        <View key={section.heading} className='privacy__section'>
          <Text className='privacy__heading'>{section.heading}</Text>
          {section.paragraphs.map((p) => (
            <Text key={p} className='privacy__paragraph'>
              {p}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
