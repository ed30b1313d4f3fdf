/** 志愿 tab — the volunteer activities and, in local mode, the persona switcher. */
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { VolunteerListScreen } from '@/features/volunteer/list-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function VolunteerPage() {
  useUnreadBadge();
  return (
    <>
      <PersonaSwitcher />
      <MeProvider>
        <VolunteerListScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
