/**
 * For the checkin forms kept in plain state with the action kit (not `useForm`): a setter that
 * also drops the field's message, so an error goes away as soon as the field is changed.
 */
import type { Action } from '@/shared/use-action';

export function editedField(action: Pick<Action, 'clear'>) {
  return <T>(name: string, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      action.clear(name);
    };
}
