/** 消息中心 — a thin shell around the message centre screen. */
import { MessageCentreScreen } from '@/features/messages/message-centre-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function MessagesPage() {
  return (
    <>
      <MessageCentreScreen />
      <PrivacyPopup />
    </>
  );
}
