/** One event: the organiser’s live QR and attendance, or the member’s check-in. */
import { EventScreen } from '@/features/checkin/event-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function Page() {
  return (
    <>
      <MeProvider>
        <EventScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
