/**
 * 输入数字签到码 on an event's page: the 6 digits the organiser reads aloud (or shows beside the
 * QR), typed on a big on-screen number pad — no system keyboard, digits only — then sent to
 * checkin.checkIn with the event's id; the outcome (or the server's reason: wrong, expired, too
 * many attempts and when to retry) shows underneath. The digits stay after a refusal so one can
 * be corrected with ⌫, and are emptied after a check-in.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { CheckInResult } from '~types/checkin';
import { OutcomeView, useCheckIn } from './check-in-result';
import { CODE_LENGTH, PAD_ROWS, pressKey, type PadKey } from './digit-keys';

const keyLabel = (key: PadKey) => (key === 'back' ? '⌫' : key === 'clear' ? '清空' : key);
const keyName = (key: PadKey) => (key === 'back' ? '删除一位' : key === 'clear' ? '清空' : key);

export function SpokenCodeBox({
  eventId,
  onCheckedIn,
}: {
  eventId: string;
  onCheckedIn?: (result: CheckInResult) => void;
}) {
  const [typed, setTyped] = useState('');
  const { busy, outcome, submit } = useCheckIn(eventId, (result) => {
    setTyped('');
    onCheckedIn?.(result);
  });
  const complete = typed.length === CODE_LENGTH;
  return (
    <View className='spoken-box' data-testid='spoken-box'>
      <Text className='spoken-box__label'>输入数字签到码</Text>
      <Text className='spoken-box__hint'>请输入组织者报出或屏幕上显示的6位数字</Text>
      <View
        className='spoken-box__cells'
        role='status'
        aria-label={typed ? `已输入 ${typed.split('').join(' ')}` : '尚未输入'}
        data-testid='spoken-display'
        data-typed={typed}
      >
        {Array.from({ length: CODE_LENGTH }, (_, i) => (
          <View key={i} className={`spoken-box__cell ${i === typed.length ? 'is-next' : ''}`}>
            {typed[i] ?? ''}
          </View>
        ))}
      </View>
      <View className='spoken-box__pad'>
        {PAD_ROWS.flat().map((key) => (
          <View
            key={key}
            className={`spoken-box__key ${key === 'back' || key === 'clear' ? 'spoken-box__key--edit' : ''}`}
            role='button'
            aria-label={keyName(key)}
            data-testid={`spoken-key-${key}`}
            onClick={() => {
              if (!busy) setTyped((t) => pressKey(t, key));
            }}
          >
            {keyLabel(key)}
          </View>
        ))}
      </View>
      {/* A new button for a new label: a label changed as the loading spinner comes or goes broke
          the spinner's insertion in H5 (NotFoundError: insertBefore), as in the shared Sheet. */}
      <Button
        key={complete ? 'submit' : `need-${typed.length}`}
        className='btn btn--primary btn--block spoken-box__submit'
        loading={busy || undefined}
        disabled={busy || !complete || undefined}
        onClick={() => void submit(typed)}
        data-testid='spoken-submit'
      >
        {complete ? '签到' : `还差${CODE_LENGTH - typed.length}位`}
      </Button>
      <OutcomeView outcome={outcome} />
    </View>
  );
}
