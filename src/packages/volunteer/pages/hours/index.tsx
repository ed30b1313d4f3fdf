/** 我的志愿时长: total hours, per-activity records and the service record. */
import { VolunteerHoursScreen } from '@/features/volunteer/hours-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <VolunteerHoursScreen />
      <PrivacyPopup />
    </>
  );
}
