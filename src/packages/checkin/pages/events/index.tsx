/** 活动签到 — the community’s events; organisers start one here. */
import { EventsScreen } from '@/features/checkin/events-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='community'>
          <EventsScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
