/** 审计日志 — who did what, newest first. */
import { AuditScreen } from '@/features/audit/audit-screen';

export default function AuditPage() {
  return <AuditScreen />;
}
