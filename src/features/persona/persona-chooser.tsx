/**
 * 选择体验身份 — the local demo's first open (imported by persona-gate.h5.tsx only, so never in
 * the WeChat build): each key persona with one line on what they do and a story to try. Tapping
 * one makes them the caller and reloads. Everyone else is a search away in 切换身份.
 */
import { Text, View } from '@tarojs/components';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import { choosePersona, useLocalPersonas } from './local-personas';
import { personaStories } from './persona-stories';
import './persona-chooser.scss';

export function PersonaChooser() {
  const { personas, failed } = useLocalPersonas();
  const storied = personas?.filter((p) => personaStories[p.openid]) ?? [];
  return (
    <View className='chooser' data-testid='persona-chooser'>
      <View className='chooser__hero'>
        <Text className='chooser__brand'>红色邻里 · 本地体验</Text>
        <Text className='chooser__lead'>
          请选择一个身份。每个身份看到的首页和能做的事都不一样，可随时在顶部“切换身份”。
        </Text>
      </View>
      {failed ? (
        <ErrorView message='无法读取体验身份，请确认本地服务正在运行' onRetry={() => window.location.reload()} />
      ) : null}
      {personas === null && !failed ? <LoadingView label='正在读取体验身份…' /> : null}
      {storied.map((p) => {
        const story = personaStories[p.openid]!;
        return (
          <View
            key={p.openid}
            className='chooser__card'
            role='button'
            aria-label={`以${p.name}（${p.title}）的身份体验`}
            data-testid={`persona-card-${p.openid}`}
            onClick={() => choosePersona(p.openid)}
          >
            <View className='chooser__who'>
              <Text className='chooser__name'>{p.name}</Text>
              <Text className='chooser__title'>{p.title}</Text>
            </View>
            <Text className='chooser__role'>{story.role}</Text>
            <Text className='chooser__story'>试一试：{story.story}</Text>
            <Text className='chooser__go'>以此身份体验 ›</Text>
          </View>
        );
      })}
      {personas && personas.length > storied.length ? (
        <Text className='chooser__more'>另有 {personas.length - storied.length} 位居民，可在顶部“切换身份”中搜索</Text>
      ) : null}
    </View>
  );
}
