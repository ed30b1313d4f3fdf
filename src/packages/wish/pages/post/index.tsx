/** 许个心愿 — a thin shell around the posting form. */
import { PostWishScreen } from '@/features/wish/post-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function PostWishPage() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <PostWishScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
