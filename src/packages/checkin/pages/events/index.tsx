/** 活动签到 — the community’s events; organisers start one here. */
import { EventsScreen } from '@/features/checkin/events-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <EventsScreen />
      <PrivacyPopup />
    </>
  );
}
