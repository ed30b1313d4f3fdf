/**
 * The privacy popup every page renders (<PrivacyPopup />). It shows only while WeChat waits
 * for an answer (onNeedPrivacyAuthorization): a short summary of what we collect and why, a
 * link to the full 隐私保护指引, and two large buttons. 同意 is WeChat's
 * `open-type="agreePrivacyAuthorization"` button — WeChat accepts the agreement only from a
 * tap on it, then the gate answers `resolve({ event: 'agree', buttonId })` with its id; 拒绝
 * answers `{ event: 'disagree' }`. Each page needs its own button (WeChat checks the tapped
 * button on the current page), hence one popup per page and an id unique per instance.
 *
 * `docked`: on the privacy page itself, the buttons sit at the bottom under the full text
 * instead of covering it. Text is 36 design px (18 px on a phone) in near-black on white, and
 * the buttons are 112 design px tall, for older residents (适老化).
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { openPrivacyText, privacyGate } from './index';
import './privacy-popup.scss';

let instances = 0;

function usePrivacyView() {
  const [view, setView] = useState(privacyGate.view());
  useEffect(() => {
    setView(privacyGate.view());
    return privacyGate.subscribe(() => setView(privacyGate.view()));
  }, []);
  return view;
}

/** Whether the popup's page is the one on screen: a page under another one (kept, hidden) asks nothing. */
function usePageOnScreen() {
  const [onScreen, setOnScreen] = useState(true);
  useDidShow(() => setOnScreen(true));
  useDidHide(() => setOnScreen(false));
  return onScreen;
}

export function PrivacyPopup({ docked = false }: { docked?: boolean }) {
  const view = usePrivacyView();
  const onScreen = usePageOnScreen();
  const asking = view.asking && onScreen;
  const buttonId = useRef('');
  if (!buttonId.current) buttonId.current = `privacy-agree-${(instances += 1)}`;

  useEffect(() => {
    if (asking) privacyGate.exposed();
  }, [asking]);

  if (!asking) return null;

  const agree = () => privacyGate.agree(buttonId.current);
  const actions = (
    <View className='privacy-popup__actions'>
      <Button
        className='btn btn--ghost privacy-popup__button'
        data-testid='privacy-disagree'
        onClick={() => privacyGate.disagree()}
      >
        拒绝
      </Button>
      <Button
        id={buttonId.current}
        className='btn btn--primary privacy-popup__button'
        data-testid='privacy-agree'
        openType='agreePrivacyAuthorization'
        onAgreePrivacyAuthorization={agree}
        // The browser build has no WeChat button event: a plain tap agrees there.
        onClick={process.env.TARO_ENV === 'h5' ? agree : undefined}
      >
        同意
      </Button>
    </View>
  );

  if (docked) {
    return (
      <View className='privacy-popup privacy-popup--docked' data-testid='privacy-popup'>
        <Text className='privacy-popup__text'>读完后，请选择是否同意{view.contractName}。</Text>
        {actions}
      </View>
    );
  }

  return (
    <View className='privacy-popup' role='dialog' aria-label='隐私保护提示' data-testid='privacy-popup'>
      <View className='privacy-popup__backdrop' catchMove />
      <View className='privacy-popup__panel'>
        <Text className='privacy-popup__title'>隐私保护提示</Text>
        <Text className='privacy-popup__text'>
          使用这项功能前，请您阅读并同意{view.contractName}
          。我们只为社区服务使用您的信息：您填写的姓名、手机号和房屋（楼栋、房号），您自己选择上传的照片和文件，以及您要求保存到相册的图片。不同意也可以继续使用其他功能。
        </Text>
        <View
          className='privacy-popup__link'
          role='link'
          data-testid='privacy-open-text'
          onClick={() => void openPrivacyText()}
        >
          查看{view.contractName}全文 ›
        </View>
        {actions}
      </View>
    </View>
  );
}
