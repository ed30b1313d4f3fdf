/** 志愿 tab — the volunteer activities and, in local mode, the persona switcher. */
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { VolunteerListScreen } from '@/features/volunteer/list-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { DisplayPageMeta } from '@/shared/ui/page-meta';
import { useTabBarPage } from '@/shared/tab-bar';

export default function VolunteerPage() {
  useUnreadBadge();
  useTabBarPage();
  return (
    <>
      <DisplayPageMeta tabPage />
      <PersonaSwitcher />
      <MeProvider>
        <VolunteerListScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
