/** 审计日志 — who did what, newest first. */
import { AuditScreen } from '@/features/audit/audit-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function AuditPage() {
  return (
    <>
      <AuditScreen />
      <PrivacyPopup />
    </>
  );
}
