/**
 * Every refusal an action gives is declared in its spec (types/<area>.ts `refusals`, plus the
 * common ones of types/actions.ts). The handler runs each verb through `checkRefusals`.
 *
 * Invariants:
 * - an AppError whose reason the action does not declare, or declares with another code, is a
 *   bug: it is logged with `area.action`, code and reason;
 * - in production the reply is unchanged (the user still sees the message); under
 *   `HONGSE_STRICT_REASONS=1` (the unit tests, test servers) it becomes INTERNAL, so a test
 *   that provokes it fails;
 * - `HONGSE_RECORD_REASONS=<file>` appends `area.action CODE reason` for every refusal given
 *   (scripts/declared-reasons.ts reads it).
 */
import { appendFileSync } from 'node:fs';
import { declaredCode, type ActionSpec } from '../../types/actions';
import { AppError } from '../../types/errors';

export async function checkRefusals<T>(name: string, spec: ActionSpec, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const record = process.env.HONGSE_RECORD_REASONS;
    if (record) appendFileSync(record, `${name} ${error.code} ${error.reason}\n`);
    if (declaredCode(spec, error.reason) === error.code) throw error;
    console.error(`[refusals] ${name} gave an undeclared refusal: ${error.code} ${error.reason}`);
    if (process.env.HONGSE_STRICT_REASONS !== '1') throw error;
    throw new AppError(
      'INTERNAL',
      'internal.undeclared-refusal',
      `${name} 的拒绝未声明：${error.code} ${error.reason}`,
    );
  }
}
