/** 首页 — a thin shell around the home screen and, in local mode, the persona switcher. */
import { HomeScreen } from '@/features/home/home-screen';
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function IndexPage() {
  useUnreadBadge();
  return (
    <>
      <PersonaSwitcher />
      <MeProvider>
        <HomeScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
