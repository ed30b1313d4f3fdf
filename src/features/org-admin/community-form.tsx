/**
 * 社区信息 edit sheet: the community's name and address (org.updateCommunity). Local checks
 * mirror UpdateCommunityInput; the server's field messages appear under the fields and any
 * other refusal above the buttons.
 */
import { useState } from 'react';
import { call } from '@/services/cloud';
import { FormField } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import type { Community } from '~types/org';
import { useAction } from '@/shared/use-action';
import { titleError } from './org-forms';

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
  const [name, setName] = useState(community.name);
  const [address, setAddress] = useState(community.address);
  const s = useAction({ onDone: onSaved });
  const submit = () => {
    if (!s.check(checkCommunity({ name, address }))) return;
    void s.run(() =>
      call('org', 'updateCommunity', { communityId: community.id, name: name.trim(), address: address.trim() }),
    );
  };
  return (
    <Sheet title='编辑社区信息' confirmText='保存' busy={s.busy} error={s.error} onCancel={onCancel} onConfirm={submit}>
      <FormField
        label='社区名称'
        value={name}
        onInput={(v) => {
          setName(v);
          s.clear('name');
        }}
        error={s.fields.name}
        placeholder='例如：幸福里社区'
        maxlength={30}
        testId='community-name'
      />
      <FormField
        label='地址'
        value={address}
        onInput={(v) => {
          setAddress(v);
          s.clear('address');
        }}
        error={s.fields.address}
        placeholder='例如：和平街道幸福路88号'
        maxlength={100}
        multiline
        testId='community-address'
      />
    </Sheet>
  );
}
