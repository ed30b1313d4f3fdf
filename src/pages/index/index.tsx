/**
 * 首页 — a thin shell around the home screen and, in local mode, the persona switcher and the
 * first-open persona chooser (shown until a persona is chosen).
 */
import { HomeScreen } from '@/features/home/home-screen';
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaGate } from '@/features/persona/persona-gate';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { DisplayPageMeta } from '@/shared/ui/page-meta';
import { useTabBarPage } from '@/shared/tab-bar';

export default function IndexPage() {
  useUnreadBadge();
  useTabBarPage();
  return (
    <>
      <DisplayPageMeta tabPage />
      <PersonaSwitcher />
      <PersonaGate>
        <MeProvider>
          <HomeScreen />
        </MeProvider>
      </PersonaGate>
      <PrivacyPopup />
    </>
  );
}
