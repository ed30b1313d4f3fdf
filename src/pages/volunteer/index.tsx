/** 志愿 tab — the volunteer activities and, in local mode, the persona switcher. */
import { PersonaSwitcher } from '@/features/persona/persona-switcher';
import { VolunteerListScreen } from '@/features/volunteer/list-screen';

export default function VolunteerPage() {
  return (
    <>
      <PersonaSwitcher />
      <VolunteerListScreen />
    </>
  );
}
