/** 组织管理 — estates, buildings and households; import from a spreadsheet. */
import { OrgScreen } from '@/features/org-admin/org-screen';

export default function OrgPage() {
  return <OrgScreen />;
}
