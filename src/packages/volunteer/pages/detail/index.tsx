/** 活动详情: the activity, my sign-up, sign-up / cancel and on-site check-in and out. */
import { VolunteerDetailScreen } from '@/features/volunteer/detail-screen';
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
          <VolunteerDetailScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
