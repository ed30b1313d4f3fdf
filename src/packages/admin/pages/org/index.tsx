/** 组织管理 — estates, buildings and households; import from a spreadsheet. */
import { OrgScreen } from '@/features/org-admin/org-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function OrgPage() {
  return (
    <>
      <OrgScreen />
      <PrivacyPopup />
    </>
  );
}
