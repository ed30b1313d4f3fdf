/**
 * 长辈模式 in the UI (适老化, docs/adr/0035-elder-mode.md):
 * - <ElderModeSwitch>: the switch in 我的 — the whole row is the tap target, read as a switch.
 * - <ElderModeOffer>: the one-time offer on 首页, until the person answers it either way (MIIT
 *   asks for a prompt on first open as well as the entry in 我的). It is a card in the page, not
 *   a modal, so nothing is blocked and nothing times out.
 */
import { Button, Text, View } from '@tarojs/components';
import { setElderMode, useDisplayMode } from '@/shared/display-mode';
import './elder-mode.scss';

export function ElderModeSwitch() {
  const { elder } = useDisplayMode();
  return (
    <View
      className='card elder-switch'
      role='switch'
      aria-checked={elder}
      data-testid='elder-switch'
      onClick={() => setElderMode(!elder)}
    >
      <View className='elder-switch__text'>
        <Text className='card__title'>长辈模式</Text>
        <Text className='card__text'>字更大、按钮更大，看得清、点得准</Text>
      </View>
      <View className={`elder-switch__track${elder ? ' is-on' : ''}`} aria-hidden>
        <View className='elder-switch__thumb' />
      </View>
      <Text className='elder-switch__state'>{elder ? '已开启' : '已关闭'}</Text>
    </View>
  );
}

export function ElderModeOffer() {
  const { offered } = useDisplayMode();
  if (offered) return null;
  return (
    <View className='card elder-offer' data-testid='elder-offer'>
      <Text className='card__title'>需要更大的字吗？</Text>
      <Text className='card__text'>开启长辈模式后，文字和按钮都会变大。以后也可以在“我的”里随时开关。</Text>
      <View className='elder-offer__actions'>
        <Button className='btn btn--plain' data-testid='elder-offer-no' onClick={() => setElderMode(false)}>
          暂不需要
        </Button>
        <Button className='btn btn--primary' data-testid='elder-offer-yes' onClick={() => setElderMode(true)}>
          开启长辈模式
        </Button>
      </View>
    </View>
  );
}
