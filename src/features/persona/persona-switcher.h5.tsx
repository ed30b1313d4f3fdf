/**
 * 本地模式 · 切换身份 — local mode only (Taro compiles this file into the h5 build alone).
 * Lists the demo people from the local server and makes the chosen one the caller of every
 * function call (sent as the X-Local-Openid header by the h5 transport). Switching reloads
 * the app so every screen sees the new identity. The demo's key people come first (the
 * server orders them); the rest of the ~55 residents appear with "显示全部" or a search.
 * Below the bar, the demo's clock: its time, and moving it forward (+1 小时, +1 天, +7 天) so a
 * step's period can pass; the page reloads after a move so every screen reads the new time.
 */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { getLocalOpenid } from '@/shared/local-identity';
import { formatShanghai } from '@/shared/format-time';
import { advanceLocalClock, aheadText, CLOCK_STEPS, useLocalClock } from './local-clock';
import { choosePersona, useLocalPersonas } from './local-personas';
import { personaStories } from './persona-stories';
import './persona-switcher.scss';

/** How many people the short list shows: the demo's key personas (those with a story; they come first). */
const KEY_PERSONAS = Object.keys(personaStories).length;

export function PersonaSwitcher() {
  const { personas, failed } = useLocalPersonas();
  const [open, setOpen] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const [query, setQuery] = useState('');
  const current = getLocalOpenid();

  const me = personas?.find((p) => p.openid === current);
  const q = query.trim();
  const matching = personas?.filter((p) => !q || p.name.includes(q) || p.title.includes(q)) ?? [];
  const shown = q || showAll ? matching : matching.slice(0, KEY_PERSONAS);
  const hidden = matching.length - shown.length;
  const choose = (openid: string | null) => {
    setOpen(false);
    choosePersona(openid);
  };

  return (
    <View className='persona' data-testid='persona-switcher'>
      <View className='persona__bar'>
        <Text className='persona__badge'>本地模式</Text>
        <Text className='persona__current' data-testid='persona-current'>
          当前身份：{me ? `${me.name}（${me.title}）` : current ? current : '未选择'}
        </Text>
        <Text className='persona__switch' onClick={() => setOpen(!open)} data-testid='persona-open'>
          {open ? '收起' : '切换身份'}
        </Text>
      </View>
      <DemoClock />
      {open ? (
        <View className='persona__list' role='listbox'>
          {failed ? <Text className='persona__hint'>无法读取本地身份列表，请确认本地服务正在运行</Text> : null}
          {personas === null && !failed ? <Text className='persona__hint'>加载中…</Text> : null}
          {personas ? (
            <View className='persona__search'>
              <Input
                className='persona__search-input'
                value={query}
                placeholder='搜索姓名或身份'
                onInput={(e) => setQuery(e.detail.value)}
              />
            </View>
          ) : null}
          {shown.map((p) => (
            <View
              key={p.openid}
              className={`persona__item ${p.openid === current ? 'is-current' : ''}`}
              role='option'
              aria-selected={p.openid === current}
              onClick={() => choose(p.openid)}
            >
              <Text className='persona__name'>{p.name}</Text>
              <Text className='persona__title'>{p.title}</Text>
            </View>
          ))}
          {hidden > 0 ? (
            <Text className='persona__more' onClick={() => setShowAll(true)}>
              显示全部（还有 {hidden} 人）
            </Text>
          ) : null}
          {personas && q && matching.length === 0 ? <Text className='persona__hint'>没有找到“{q}”</Text> : null}
          <View className='persona__item' role='option' onClick={() => choose(null)}>
            <Text className='persona__name'>匿名访客</Text>
            <Text className='persona__title'>不带身份</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** The demo's time and the buttons that move it forward. */
function DemoClock() {
  const { clock, failed } = useLocalClock();
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState('');
  const move = async (minutes: number) => {
    if (moving) return;
    setMoving(true);
    setError('');
    try {
      await advanceLocalClock(minutes);
      window.location.reload();
    } catch (e) {
      setMoving(false);
      setError(e instanceof Error ? e.message : '拨快时钟未成功');
    }
  };
  return (
    <View className='persona__clock' data-testid='demo-clock'>
      <Text className='persona__clock-time' data-testid='demo-clock-now'>
        {failed ? '演示时间读取失败' : clock ? `演示时间 ${formatShanghai(clock.now)}` : '演示时间…'}
        {clock && aheadText(clock.offsetMs) ? `（${aheadText(clock.offsetMs)}）` : ''}
      </Text>
      <View className='persona__clock-steps' role='group' aria-label='拨快时钟'>
        {CLOCK_STEPS.map((step) => (
          <View
            key={step.minutes}
            className={`persona__clock-step ${moving ? 'is-busy' : ''}`}
            role='button'
            aria-disabled={moving}
            data-testid={`demo-clock-${step.minutes}`}
            onClick={() => void move(step.minutes)}
          >
            <Text>{step.label}</Text>
          </View>
        ))}
      </View>
      {error ? (
        <View className='persona__clock-error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  );
}
