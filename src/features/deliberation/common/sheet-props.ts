/**
 * What every sheet of the topic page takes: a way out, and a way to hand back a refusal that
 * means the topic moved on (`stale`) so the screen can reload.
 */
import type { AppError } from '~types/errors';

export interface SheetProps {
  onCancel: () => void;
  onStale: (e: AppError) => void;
}
