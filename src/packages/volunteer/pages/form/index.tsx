/** 发布活动 / 编辑活动 (admins and work-unit liaisons; the organiser before the deadline). */
import { VolunteerFormScreen } from '@/features/volunteer/form-screen';
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
          <VolunteerFormScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
