/**
 * 扫码签到 in WeChat: the camera scanner (`Taro.scanCode`, camera only so a saved picture of a
 * code cannot be used), then checkin.checkIn. check-in-box.h5.tsx replaces this in the local
 * build, where there is no camera.
 */
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CheckInResult } from '~types/checkin';
import { OutcomeView, useCheckIn } from './check-in-result';

export function CheckInBox({
  eventId,
  onCheckedIn,
}: {
  eventId?: string;
  onCheckedIn?: (result: CheckInResult) => void;
}) {
  const { busy, outcome, submit } = useCheckIn(eventId, onCheckedIn);
  const scan = async () => {
    let text: string;
    try {
      text = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // closed the scanner
    }
    await submit(text);
  };
  return (
    <View className='checkin-box'>
      <Button
        className='btn btn--primary btn--block checkin-box__scan'
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={() => void scan()}
      >
        扫码签到
      </Button>
      <OutcomeView outcome={outcome} />
    </View>
  );
}
