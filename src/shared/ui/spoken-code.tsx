/**
 * The 6-digit spoken code (数字签到码, docs/adr/0036) on screen, for events and volunteer
 * activities alike:
 * - <SpokenCodeAside>: beside the organiser's rotating QR, the code in large digits, grouped the
 *   way it is read aloud;
 * - <SpokenCodePad>: on the event's or activity's page, six cells and a big on-screen number pad
 *   (no system keyboard, digits only; keys ≥ 60 × 60 px), then `onSubmit(digits)`. The digits stay
 *   after a refusal so one can be corrected with ⌫; the caller empties them (`clearKey`) after a
 *   success. The outcome is the caller's (children, shown underneath).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { CODE_LENGTH, PAD_ROWS, pressKey, type PadKey } from '@/shared/digit-keys';
import './spoken-code.scss';

/** "048213" → "048 213", the way it is read aloud. */
export function groupDigits(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

export function SpokenCodeAside({ code, label }: { code: string; label: string }) {
  return (
    <View className='spoken-code' data-testid='spoken-code' data-code={code}>
      <Text className='spoken-code__label'>{label}</Text>
      <Text className='spoken-code__digits' aria-label={`数字签到码 ${code.split('').join(' ')}`}>
        {groupDigits(code)}
      </Text>
      <Text className='spoken-code__hint'>每2分钟更换一次，更换后2分钟内仍可使用</Text>
    </View>
  );
}

const keyLabel = (key: PadKey) => (key === 'back' ? '⌫' : key === 'clear' ? '清空' : key);
const keyName = (key: PadKey) => (key === 'back' ? '删除一位' : key === 'clear' ? '清空' : key);

export function SpokenCodePad({
  act,
  busy,
  onSubmit,
  clearKey,
  children,
}: {
  /** The submit button's word once six digits are in: 签到, 签退. */
  act: string;
  busy: boolean;
  onSubmit: (digits: string) => void;
  /** Changing it empties the digits (e.g. a count of successes). */
  clearKey?: number;
  children?: ReactNode;
}) {
  const [typed, setTyped] = useState('');
  useEffect(() => setTyped(''), [clearKey]);
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
        onClick={() => onSubmit(typed)}
        data-testid='spoken-submit'
      >
        {complete ? act : `还差${CODE_LENGTH - typed.length}位`}
      </Button>
      {children}
    </View>
  );
}
