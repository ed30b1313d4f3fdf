/**
 * The demo people of the local server (`GET /api/local/personas`, key personas first), and
 * choosing one. Local mode only: imported by the h5 files of this feature alone, so the WeChat
 * build never contains it.
 */
import { useEffect, useState } from 'react';
import { setLocalOpenid } from '@/shared/local-identity';

export interface Persona {
  openid: string;
  name: string;
  title: string;
}

export function useLocalPersonas(): { personas: Persona[] | null; failed: boolean } {
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch('/api/local/personas')
      .then((res) => res.json() as Promise<{ ok: boolean; data: Persona[] }>)
      .then((body) => setPersonas(body.data))
      .catch(() => setFailed(true));
  }, []);
  return { personas, failed };
}

/** Makes `openid` (or nobody) the caller of every call, and reloads so every screen sees it. */
export function choosePersona(openid: string | null): void {
  setLocalOpenid(openid);
  window.location.reload();
}
