/**
 * Local mode only (Taro compiles this file into the h5 build alone): until a persona is chosen,
 * the first open shows who you can be instead of the page.
 */
import type { ReactNode } from 'react';
import { getLocalOpenid } from '@/shared/local-identity';
import { PersonaChooser } from './persona-chooser';

export function PersonaGate({ children }: { children: ReactNode }) {
  return getLocalOpenid() ? <>{children}</> : <PersonaChooser />;
}
