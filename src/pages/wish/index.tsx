/** 微心愿 tab — coming soon; in local mode also the persona switcher. */
import { ComingSoonScreen } from '@/features/coming-soon/coming-soon-screen';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';

export default function WishPage() {
  return (
    <>
      <PersonaSwitcher />
      <ComingSoonScreen feature='wish' />
    </>
  );
}
