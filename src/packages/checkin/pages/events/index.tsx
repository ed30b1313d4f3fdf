/** 活动签到 — the community’s events; organisers start one here. */
import { EventsScreen } from '@/features/checkin/events-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';

export default function Page() {
  return (
    <>
      <MeProvider>
        <NeedGate need='community'>
          <EventsScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
