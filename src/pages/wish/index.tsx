/** 心愿 tab — the wish wall and, in local mode, the persona switcher. */
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { WishWallScreen } from '@/features/wish/wall-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function WishPage() {
  useUnreadBadge();
  return (
    <>
      <PersonaSwitcher />
      <MeProvider>
        <WishWallScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
