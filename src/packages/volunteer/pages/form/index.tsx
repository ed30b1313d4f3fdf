/** 发布活动 / 编辑活动 (admins and work-unit liaisons; the organiser before the deadline). */
import { VolunteerFormScreen } from '@/features/volunteer/form-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <VolunteerFormScreen />
      <PrivacyPopup />
    </>
  );
}
