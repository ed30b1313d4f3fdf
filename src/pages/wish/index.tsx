/** 心愿 tab — the wish wall and, in local mode, the persona switcher. */
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { WishWallScreen } from '@/features/wish/wall-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { DisplayPageMeta } from '@/shared/ui/page-meta';
import { useTabBarPage } from '@/shared/tab-bar';

export default function WishPage() {
  useUnreadBadge();
  useTabBarPage();
  return (
    <>
      <DisplayPageMeta tabPage />
      <PersonaSwitcher />
      <MeProvider>
        <WishWallScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
