/** 到社区报到 — register with the community, see and withdraw registrations. */
import { RegisterScreen } from '@/features/checkin/register-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function Page() {
  return (
    <>
      <MeProvider>
        <RegisterScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
