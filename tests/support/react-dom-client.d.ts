/**
 * The part of react-dom/client the hook tests use (the project has no @types/react-dom: the
 * app renders through Taro, never react-dom directly).
 */
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element): Root;
}
