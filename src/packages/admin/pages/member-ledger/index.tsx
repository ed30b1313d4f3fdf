/** A member’s ledger: adjust points, reverse an entry. */
import { MemberLedgerScreen } from '@/features/assessment/member-ledger-screen';

export default function Page() {
  return <MemberLedgerScreen />;
}
