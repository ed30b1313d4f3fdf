/**
 * QR codes drawn in the app (generalised from the check-in feature's live QR):
 * - `QrCode` draws one text big and black-on-white with qrcode-generator, as a GIF data URL in
 *   an Image, which renders the same in WeChat and the browser; the text is in `data-code`.
 * - `RotatingQr` shows a server-signed code that rotates: `load()` fetches the current one, it
 *   counts down to `refreshAt` and fetches the next then; a failure shows the reason and 重试.
 *   In local mode (h5) the code's text is also printed under the QR so a person without a
 *   camera can type it (and tests can read it). `aside` draws more of the loaded answer next to
 *   the QR (the check-in's 6-digit spoken code).
 */
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { errorMessage } from '@/services/cloud';
import './qr-code.scss';

export function qrDataUrl(text: string, cellSize = 8, margin = 4): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(cellSize, margin);
}

export function QrCode({ text, label = '二维码', testId }: { text: string; label?: string; testId?: string }) {
  const image = useMemo(() => qrDataUrl(text), [text]);
  return (
    <Image
      className='qr-code__image'
      src={image}
      mode='aspectFit'
      aria-label={label}
      data-code={text}
      data-testid={testId}
    />
  );
}

export interface RotatingCode {
  code: string;
  refreshAt: string;
}

interface RotatingQrProps<T extends RotatingCode> {
  /** Fetches the current code; called again at each `refreshAt`. A change of `loadKey` starts over. */
  load: () => Promise<T>;
  loadKey: string;
  /** What the code is for, e.g. 签到码 / 签退码. */
  name?: string;
  hint?: string;
  onRotate?: () => void;
  /** Shown under the countdown with the current answer. */
  aside?: (live: T) => ReactNode;
}

export function RotatingQr<T extends RotatingCode>({
  load,
  loadKey,
  name = '签到码',
  hint,
  onRotate,
  aside,
}: RotatingQrProps<T>) {
  const [live, setLive] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [attempt, setAttempt] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const rotate = useRef(onRotate);
  rotate.current = onRotate;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setLive(null);
    setError(null);
    const fetchCode = async () => {
      try {
        const next = await loader.current();
        if (stopped) return;
        setLive(next);
        setError(null);
        rotate.current?.();
        const wait = Math.max(1000, Date.parse(next.refreshAt) - Date.now() + 300);
        timer = setTimeout(() => void fetchCode(), wait);
      } catch (e) {
        if (stopped) return;
        setLive(null);
        setError(errorMessage(e));
      }
    };
    void fetchCode();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [loadKey, attempt]);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  if (error) {
    return (
      <View className='qr-code qr-code--off' role='alert' data-testid='rotating-qr-error'>
        <Text className='qr-code__off-title'>暂时无法显示{name}</Text>
        <Text className='qr-code__off-text'>{error}</Text>
        <Text className='qr-code__retry' onClick={() => setAttempt((n) => n + 1)}>
          重试
        </Text>
      </View>
    );
  }
  if (!live) {
    return (
      <View className='qr-code' aria-busy='true'>
        <Text className='qr-code__off-text'>正在生成{name}…</Text>
      </View>
    );
  }
  const seconds = Math.max(0, Math.ceil((Date.parse(live.refreshAt) - now) / 1000));
  return (
    <View className='qr-code' data-testid='live-qr' data-code={live.code}>
      <QrCode text={live.code} label={name} />
      <Text className='qr-code__countdown' data-testid='live-qr-countdown'>
        {seconds > 0 ? `${seconds} 秒后自动刷新` : '正在刷新…'}
      </Text>
      {aside ? aside(live) : null}
      {hint ? <Text className='qr-code__hint'>{hint}</Text> : null}
      {process.env.TARO_ENV === 'h5' ? (
        <View className='qr-code__code'>
          <Text className='qr-code__code-label'>{name}</Text>
          <Text className='qr-code__code-text' data-testid='live-code-text' userSelect>
            {live.code}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
