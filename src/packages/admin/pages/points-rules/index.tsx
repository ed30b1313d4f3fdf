/** 积分规则 — the community’s points table and quarterly threshold. */
import { RulesScreen } from '@/features/assessment/rules-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <RulesScreen />
      <PrivacyPopup />
    </>
  );
}
