/**
 * 我的 tab — the 消息中心 entry, profile, roles, household bindings and, for admins and leaders,
 * their tools. The unread count also goes to the tab bar's badge.
 */
import { MineScreen } from '@/features/account/mine-screen';
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { DisplayPageMeta } from '@/shared/ui/page-meta';
import { useTabBarPage } from '@/shared/tab-bar';

export default function MinePage() {
  const unread = useUnreadBadge();
  useTabBarPage();
  return (
    <>
      <DisplayPageMeta tabPage />
      <PersonaSwitcher />
      <MeProvider>
        <MineScreen unread={unread} />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
