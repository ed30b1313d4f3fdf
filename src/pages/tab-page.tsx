/**
 * The shell of every tab page: the page's display settings (长辈模式, the custom tab bar's room),
 * the unread count on the tab bar's badge, in local mode the persona switcher (and, on 首页, the
 * first-open persona chooser, `gate`), the current user and the privacy popup. `screen` gets the
 * unread count (我的 shows it).
 */
import type { ReactNode } from 'react';
import { useUnreadBadge } from '@/features/messages/unread';
import { PersonaGate } from '@/features/persona/persona-gate';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { DisplayPageMeta } from '@/shared/ui/page-meta';
import { useTabBarPage } from '@/shared/tab-bar';

export function TabPage({ gate = false, screen }: { gate?: boolean; screen: (unread: number | null) => ReactNode }) {
  const unread = useUnreadBadge();
  useTabBarPage();
  const withUser = <MeProvider>{screen(unread)}</MeProvider>;
  return (
    <>
      <DisplayPageMeta tabPage />
      <PersonaSwitcher />
      {gate ? <PersonaGate>{withUser}</PersonaGate> : withUser}
      <PrivacyPopup />
    </>
  );
}
