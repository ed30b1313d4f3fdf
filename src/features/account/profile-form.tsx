/**
 * Creating (first visit) or editing one's profile: name, mobile number and 政治面貌 (中共党员 or
 * 群众 — only a Party member may file a 党员报到), name and number checked here for
 * the obvious mistakes and by the server for real (its field messages appear under the field).
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { useForm } from '@/shared/use-form';
import { ChoiceChips, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import type { Profile } from '~types/account';
import { BusyButton, FormError } from '@/shared/ui/busy-button';

/** The form's text fields. */
const FIELDS = {
  name: { label: '姓名', placeholder: '请输入真实姓名', maxlength: 20, testId: 'profile-name' },
  phone: { label: '手机号', placeholder: '11位手机号', type: 'number', maxlength: 11, testId: 'profile-phone' },
} satisfies Record<string, TextFieldSpec>;

interface Props {
  initial: Profile | null;
  onSaved: () => void;
  onCancel?: () => void;
}

export function ProfileForm({ initial, onSaved, onCancel }: Props) {
  const form = useForm({
    name: initial?.name ?? '',
    phone: initial?.phone && !initial.phone.includes('*') ? initial.phone : '',
    party: (initial?.partyMember ? 'party' : 'masses') as 'party' | 'masses',
  });
  const name = form.values.name;
  const phone = form.values.phone;
  const { busy, error: formError } = form;

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = '请填写姓名';
    if (!/^1\d{10}$/.test(phone.trim())) local.phone = '请输入11位手机号';
    if (!form.check(local)) return;
    await form.run(async () => {
      await call('account', 'saveProfile', {
        name: name.trim(),
        phone: phone.trim(),
        avatarUrl: initial?.avatarUrl ?? null,
        partyMember: form.values.party === 'party',
      });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    });
  };

  return (
    <View className='card profile-form' data-testid='profile-form'>
      <Text className='card__title'>{initial ? '修改资料' : '欢迎！请先登记'}</Text>
      {initial ? null : (
        <Text className='card__text'>登记姓名和手机号后，就可以绑定房屋、参与社区事务。手机号仅社区工作人员可见。</Text>
      )}
      <FormField {...FIELDS.name} {...form.text('name')} />
      <FormField {...FIELDS.phone} {...form.text('phone')} />
      <ChoiceChips
        label='政治面貌'
        choices={[
          { value: 'party', label: '中共党员', hint: '含预备党员，可到社区党员报到' },
          { value: 'masses', label: '群众 / 其他' },
        ]}
        value={form.values.party}
        onChange={(value) => form.set('party', value)}
      />
      <FormError className='mine__form-error' message={formError} />
      <View className='card__actions'>
        {onCancel ? (
          <Button className='btn btn--plain' disabled={busy || undefined} onClick={onCancel}>
            取消
          </Button>
        ) : null}
        <BusyButton className='btn btn--primary' busy={busy} onTap={() => void submit()}>
          {initial ? '保存' : '完成登记'}
        </BusyButton>
      </View>
    </View>
  );
}
