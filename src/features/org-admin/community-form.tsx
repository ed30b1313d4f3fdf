/**
 * 社区信息 edit sheet: the community's name and address (org.updateCommunity). Local checks
 * mirror UpdateCommunityInput; the server's field messages appear under the fields and any
 * other refusal above the buttons.
 */
import { call } from '@/services/cloud';
import { FieldsSheet, titleError } from '@/shared/ui/fields-sheet';
import type { Community } from '~types/org';

/** Client-side copy of UpdateCommunityInput's rules. */
export function checkCommunity(v: { name: string; address: string }) {
  const out: Record<string, string> = {};
  titleError(v.name, '社区名称', 30, out, 'name');
  titleError(v.address, '地址', 100, out, 'address');
  return out;
}

export function CommunitySheet({
  community,
  onSaved,
  onCancel,
}: {
  community: Community;
  onSaved: () => void;
  onCancel: () => void;
}) {
  return (
    <FieldsSheet
      title='编辑社区信息'
      fields={[
        { name: 'name', label: '社区名称', placeholder: '例如：幸福里社区', maxlength: 30, testId: 'community-name' },
        {
          name: 'address',
          label: '地址',
          placeholder: '例如：和平街道幸福路88号',
          maxlength: 100,
          multiline: true,
          testId: 'community-address',
        },
      ]}
      initial={{ name: community.name, address: community.address }}
      check={checkCommunity}
      submit={(v) =>
        call('org', 'updateCommunity', { communityId: community.id, name: v.name.trim(), address: v.address.trim() })
      }
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}
