/** 到社区报到 — register with the community, see and withdraw registrations. */
import { RegisterScreen } from '@/features/checkin/register-screen';
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
          <RegisterScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
