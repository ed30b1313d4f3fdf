/** 我的志愿时长: total hours, per-activity records and the service record. */
import { VolunteerHoursScreen } from '@/features/volunteer/hours-screen';
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
          <VolunteerHoursScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
