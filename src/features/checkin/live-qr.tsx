/**
 * The organiser's live check-in QR for an event: the server's current signed code
 * (checkin.liveCode), drawn big and high-contrast, with a countdown to `refreshAt` when the next
 * code is fetched (see RotatingQr). Beside it, in large digits, the event's 6-digit spoken code
 * (数字签到码) for anyone who cannot scan: it changes every 2 minutes and is still accepted for 2
 * minutes after (docs/adr/0036). In local mode the QR's text is printed under it.
 */
import { call } from '@/services/cloud';
import { RotatingQr } from '@/shared/ui/qr-code';
import { SpokenCodeAside } from '@/shared/ui/spoken-code';

export function LiveQr({ eventId, onRotate }: { eventId: string; onRotate?: () => void }) {
  return (
    <RotatingQr
      load={() => call('checkin', 'liveCode', { eventId })}
      loadKey={eventId}
      name='签到码'
      hint='请党员用微信扫码签到；截图转发的二维码一分钟内失效'
      onRotate={onRotate}
      aside={(live) => <SpokenCodeAside code={live.spokenCode} label='不方便扫码？请在活动页面输入数字签到码' />}
    />
  );
}
