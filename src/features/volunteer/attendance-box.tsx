/**
 * 扫码签到 / 扫码签退 in WeChat: the camera scanner (`Taro.scanCode`, camera only so a saved
 * picture of a code cannot be used), then volunteer.scan. attendance-box.h5.tsx replaces this
 * in the local build, where there is no camera.
 */
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AttendanceResult } from '~types/volunteer';
import { OutcomeView, useAttendance } from './attendance-result';

export function AttendanceBox({
  activityId,
  direction,
  onDone,
}: {
  activityId: string;
  direction: 'in' | 'out';
  onDone?: (result: AttendanceResult) => void;
}) {
  const { busy, outcome, submit } = useAttendance(activityId, onDone);
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
    <View className='vol-attend'>
      <Button
        className='btn btn--primary vol-attend__button'
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={() => void scan()}
        data-testid='vol-scan'
      >
        {direction === 'in' ? '扫码签到' : '扫码签退'}
      </Button>
      {/* Successes are shown by the screen (it knows the new state); refusals here. */}
      <OutcomeView outcome={outcome && !outcome.ok ? outcome : null} />
    </View>
  );
}
