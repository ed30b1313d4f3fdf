/**
 * The organiser's live check-in QR for an event: the server's current signed code
 * (checkin.liveCode), drawn big and high-contrast, with a countdown to `refreshAt` when the next
 * code is fetched (see RotatingQr). In local mode the code's text is printed under it.
 */
import { call } from '@/services/cloud';
import { RotatingQr } from '@/shared/ui/qr-code';

export function LiveQr({ eventId, onRotate }: { eventId: string; onRotate?: () => void }) {
  return (
    <RotatingQr
      load={() => call('checkin', 'liveCode', { eventId })}
      loadKey={eventId}
      name='签到码'
      hint='请党员用微信扫码签到；截图转发的二维码一分钟内失效'
      onRotate={onRotate}
    />
  );
}
