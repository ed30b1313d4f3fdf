/**
 * What the topic screen hands each step: the topic, what the caller may do (`has`), and the
 * screen's ways to finish an act (`done`: show the new topic and say so), to hand back a
 * refusal that means the topic moved on (`stale`), to show any other refusal (`refused`) and
 * to ask before an irreversible act (`ask`). `useStepSheets` keeps which of a step's sheets is
 * open and closes it when the act is done or went stale.
 */
import { useState } from 'react';
import type { TopicAction, TopicDetail } from '~types/deliberation';
import type { AppError } from '~types/errors';
import type { SheetProps } from './sheet-props';

export interface TopicKit {
  topic: TopicDetail;
  has: (a: TopicAction) => boolean;
  /** Shows `next` and toasts `title` (or the held notice when a text is held for review). */
  done: (next: TopicDetail, title: string, held?: boolean) => void;
  /** The topic moved on under us: say so, and show it as it is now. */
  stale: (e: AppError) => void;
  /** Shows a refusal in a modal (a stale one reloads). */
  refused: (e: unknown) => void;
  /** Asks before an irreversible act; true when confirmed. */
  ask: (title: string, content: string, confirmText: string) => Promise<boolean>;
}

export function useStepSheets<K>(kit: TopicKit) {
  const [open, setOpen] = useState<K | null>(null);
  const close = () => setOpen(null);
  const sheet: SheetProps = {
    onCancel: close,
    onStale: (e) => {
      close();
      kit.stale(e);
    },
  };
  return {
    open,
    show: (k: K) => setOpen(k),
    close,
    /** What every sheet takes (`onCancel`, `onStale`). */
    sheet,
    /** `kit.done`, closing the sheet. */
    done: (next: TopicDetail, title: string, held?: boolean) => {
      close();
      kit.done(next, title, held);
    },
  };
}
