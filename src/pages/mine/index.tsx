/**
 * 我的 tab — the 消息中心 entry, profile, roles, household bindings and, for admins and leaders,
 * their tools. The unread count also goes to the tab bar's badge.
 */
import { MineScreen } from '@/features/account/mine-screen';
import { TabPage } from '../tab-page';

export default function MinePage() {
  return <TabPage screen={(unread) => <MineScreen unread={unread} />} />;
}
