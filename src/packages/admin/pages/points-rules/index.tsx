/** 积分规则 — the community’s points table and quarterly threshold. */
import { RulesScreen } from '@/features/assessment/rules-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <RulesScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
