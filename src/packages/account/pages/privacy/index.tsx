/** 隐私保护指引 — the full text; while WeChat waits for an answer, 同意 / 拒绝 sit under it. */
import { PrivacyScreen } from '@/features/privacy/privacy-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function PrivacyPage() {
  return (
    <>
      <DisplayPageMeta />
      <PrivacyScreen />
      <PrivacyPopup docked />
    </>
  );
}
