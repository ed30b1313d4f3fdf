/**
 * 发起活动 (admins and building/estate leaders): title, kind, place, start and end picked as
 * Shanghai wall-clock date and time and sent as ISO times with the +08:00 offset. Check-in
 * opens 30 minutes before the start, so an event starting within half an hour is open at once.
 * The times start in working hours (event-times.ts) and are picked, never typed; moving the
 * start moves the end with it, so the length stays.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { useForm } from '@/shared/use-form';
import { pageParam } from '@/shared/page-params';
import { ChoiceChips, FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { ErrorView } from '@/shared/ui/state-view';
import { TimeRow } from '@/shared/ui/time-row';
import { followStart, instant, toIso } from '@/shared/wall-time';
import { type EventKind, eventKindLabels, EVENT_KINDS } from '~types/labels/checkin';
import { rememberEvent } from './event-store';
import { defaultEventTimes } from './event-times';
import { eventUrl } from './urls';
import './checkin.scss';
import { BusyButton, FormError } from '@/shared/ui/busy-button';

/** The form's text fields. */
const FIELDS = {
  title: { label: '活动名称', placeholder: '例如：11月主题党日', maxlength: 40, testId: 'event-title' },
  place: { label: '地点', placeholder: '例如：社区党群服务中心二楼', maxlength: 60, testId: 'event-place' },
} satisfies Record<string, TextFieldSpec>;

export function EventFormScreen() {
  const communityId = pageParam('communityId');
  const form = useForm(() => {
    const { start, end } = defaultEventTimes(Date.now());
    return { title: '', kind: 'party_day' as EventKind, place: '', startAt: start, endAt: end };
  });
  const { title, kind, place, startAt: start, endAt: end } = form.values;
  const { busy, error: formError } = form;

  if (!communityId) return <ErrorView message='缺少社区信息，请从“活动签到”页面进入' />;

  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (title.trim().length < 2) found.title = '请填写活动名称（至少2个字）';
    if (!place.trim()) found.place = '请填写地点';
    const span = instant(end).getTime() - instant(start).getTime();
    if (span <= 0) found.endAt = '结束时间必须晚于开始时间';
    else if (span > 24 * 3600 * 1000) found.endAt = '活动时长不超过24小时';
    if (instant(end).getTime() <= Date.now()) found.endAt = '结束时间已过，请重新选择';
    return found;
  };

  const submit = async () => {
    const found = check();
    if (!form.check(found)) return;
    await form.run(async () => {
      const event = await call('checkin', 'createEvent', {
        communityId,
        title: title.trim(),
        kind,
        place: place.trim(),
        startAt: toIso(start),
        endAt: toIso(end),
      });
      rememberEvent(event);
      void Taro.showToast({ title: '活动已创建', icon: 'success' });
      void Taro.redirectTo({ url: eventUrl(event.id, communityId) });
    });
  };

  return (
    <View className='screen'>
      <View style={{ height: '16px' }} />
      <View className='card checkin-form'>
        <FormField {...FIELDS.title} {...form.text('title')} />
        <ChoiceChips
          label='活动类型'
          choices={EVENT_KINDS.map((k) => ({ value: k, label: eventKindLabels[k] }))}
          value={kind}
          onChange={(k) => form.set('kind', k)}
          error={form.err('kind')}
        />
        <FormField {...FIELDS.place} {...form.text('place')} />
        {(['startAt', 'endAt'] as const).map((field) => (
          <TimeRow
            key={field}
            label={field === 'startAt' ? '开始时间（北京时间）' : '结束时间（北京时间）'}
            value={form.values[field]}
            onChange={(v) => {
              if (field === 'startAt') form.set('endAt', followStart(start, v, end));
              form.set(field, v);
            }}
            error={form.err(field)}
            testId={field === 'startAt' ? 'event-start' : 'event-end'}
          />
        ))}
        <Text className='card__text'>开始前30分钟开放扫码签到，活动结束后不能再签到。</Text>
        <FormError className='checkin-form__error' message={formError} />
      </View>
      <BusyButton className='btn btn--primary btn--block' busy={busy} onTap={() => void submit()} testId='event-submit'>
        创建活动
      </BusyButton>
    </View>
  );
}
