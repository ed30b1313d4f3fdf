/**
 * The people the local persona switcher offers: every user in the local database (but the
 * offline records of residents without WeChat), read through
 * the database protocol like any other client. Local mode only; there is no such list in WeChat.
 */
import { EJSON } from 'bson';
import type { EmulatorDatabase } from './db';

export interface Persona {
  openid: string;
  name: string;
  /** A short description of who this is, e.g. "社区书记". */
  title: string;
}

export async function listPersonas(db: EmulatorDatabase): Promise<Persona[]> {
  const reply = db.handle({
    action: 'database.getDocument',
    collectionName: 'users',
    queryType: 'WHERE',
    query: EJSON.stringify({}),
    order: EJSON.stringify({ personaOrder: 1 }),
    limit: 1000,
  }) as { data?: { list?: string[] } };
  const docs = (reply.data?.list ?? []).map((s) => EJSON.parse(s) as Record<string, unknown>);
  return (
    docs
      // A resident without WeChat (代办's offline record, docs/adr/0040-proxy-acts.md) is nobody to be.
      .filter((d) => typeof d.openid === 'string' && d.offline !== true)
      .map((d) => ({ openid: d.openid as string, name: String(d.name ?? ''), title: String(d.title ?? '') }))
  );
}
