/** 消息中心 — a thin shell around the message centre screen. */
import { MessageCentreScreen } from '@/features/messages/message-centre-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function MessagesPage() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <MessageCentreScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
