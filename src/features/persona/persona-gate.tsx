/**
 * The WeChat build has no persona chooser: there the caller is the WeChat user, so the page is
 * shown as it is. Taro uses persona-gate.h5.tsx in the local (h5) build instead of this file.
 */
import type { ReactNode } from 'react';

export function PersonaGate({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
