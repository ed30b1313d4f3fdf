/** 我的志愿时长: total hours, per-activity records and the service record. */
import { VolunteerHoursScreen } from '@/features/volunteer/hours-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function Page() {
  return (
    <>
      <MeProvider>
        <VolunteerHoursScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
