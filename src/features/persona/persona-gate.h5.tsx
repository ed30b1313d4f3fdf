/**
 * Local mode only (Taro compiles this file into the h5 build alone): until a persona is chosen,
 * the first open shows who you can be instead of the page; once chosen, a strip above the page
 * recalls the story to try as them.
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { getLocalOpenid } from '@/shared/local-identity';
import { PersonaChooser } from './persona-chooser';
import './persona-chooser.scss';
import { personaStories } from './persona-stories';

export function PersonaGate({ children }: { children: ReactNode }) {
  const openid = getLocalOpenid();
  if (!openid) return <PersonaChooser />;
  const story = personaStories[openid];
  return (
    <>
      {story ? (
        <View className='persona-tip' data-testid='persona-tip'>
          <Text>试一试：{story.story}</Text>
        </View>
      ) : null}
      {children}
    </>
  );
}
