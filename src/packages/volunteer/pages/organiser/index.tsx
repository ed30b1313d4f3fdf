/** 活动管理: the live check-in / check-out QR, the roster, corrections and export. */
import { VolunteerOrganiserScreen } from '@/features/volunteer/organiser-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <VolunteerOrganiserScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
