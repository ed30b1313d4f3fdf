/** 小区议事 tab — the topic list and, in local mode, the persona switcher. */
import { DeliberationListScreen } from '@/features/deliberation/list-screen';
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { DisplayPageMeta } from '@/shared/ui/page-meta';
import { useTabBarPage } from '@/shared/tab-bar';

export default function DeliberationPage() {
  useUnreadBadge();
  useTabBarPage();
  return (
    <>
      <DisplayPageMeta tabPage />
      <PersonaSwitcher />
      <MeProvider>
        <DeliberationListScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
