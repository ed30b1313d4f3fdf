/** 服务卡 — a work unit’s members’ quarterly record, for its liaison. */
import { ServiceCardsScreen } from '@/features/points/service-cards-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <ServiceCardsScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
