/**
 * The one lead every page shows when the person must do something first, instead of an error:
 * 未登录 → 选择身份 (local demo) or 回到首页 (WeChat); 未登记 → 去登记 in 我的; 未绑定 → 去绑定房屋.
 * Each says in one sentence what is needed and has one button that goes there.
 * `NeedGate` (need-gate.tsx) decides when to show it; `needOf` (call-failure.ts) maps the
 * server's refusals to it.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Need } from '@/services/call-failure';
import './need-view.scss';

const HOME = '/pages/index/index';
const MINE = '/pages/mine/index';
const BIND = '/packages/account/pages/bind/index';

interface Lead {
  title: string;
  text: string;
  button: string;
  go: () => void;
}

function leadOf(need: Need): Lead {
  switch (need) {
    case 'sign-in':
      return LOCAL_MODE
        ? {
            title: '请先选择体验身份',
            text: '本地体验版需要先选一个身份（社区书记、党员、居民……），选好后就能使用这一页。',
            button: '去选择身份',
            go: () => void Taro.reLaunch({ url: HOME }),
          }
        : {
            title: '请先登录',
            text: '请在微信中打开红色邻里，登录后就能使用这一页。',
            button: '回到首页',
            go: () => void Taro.reLaunch({ url: HOME }),
          };
    case 'profile':
      return {
        title: '请先登记个人信息',
        text: '在“我的”页面填写姓名和手机号，登记后就能使用这一页。',
        button: '去登记',
        go: () => void Taro.switchTab({ url: MINE }),
      };
    case 'bind':
      return {
        title: '请先绑定房屋',
        text: '绑定您家的房屋、经社区审核通过后，就能使用这一页。',
        button: '去绑定房屋',
        go: () => void Taro.navigateTo({ url: BIND }),
      };
  }
}

/** The lead for `need`; `message` (the server's words, when it refused) is shown under ours. */
export function NeedView({ need, message }: { need: Need; message?: string }) {
  const lead = leadOf(need);
  return (
    <View className='need-view' role='status' data-testid={`need-${need}`}>
      <Text className='need-view__title'>{lead.title}</Text>
      <Text className='need-view__text'>{lead.text}</Text>
      {message && message !== lead.text ? <Text className='need-view__hint'>{message}</Text> : null}
      <Button className='btn btn--primary need-view__go' data-testid={`need-${need}-go`} onClick={lead.go}>
        {lead.button}
      </Button>
    </View>
  );
}
