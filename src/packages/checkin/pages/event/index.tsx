/** One event: the organiser’s live QR and attendance, or the member’s check-in. */
import { EventScreen } from '@/features/checkin/event-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <EventScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
