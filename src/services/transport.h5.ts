/**
 * Local (H5) transport: `POST /api/functions/<name>` on the local server. The local identity
 * is the persona chosen in the switcher, sent as the `X-Local-Openid` header; the function
 * host turns it into the cloud context, as CloudBase does with the WeChat user.
 * A reply that is not JSON (a proxy's 502 page, a crashed server) is a server failure
 * (`ServerReplyError`), not a network one. Taro picks this file over transport.ts in the h5 build only.
 */
import { getLocalOpenid } from '../shared/local-identity';
import { ServerReplyError } from './call-failure';
import type { FunctionRequest } from './transport';

export type { FunctionRequest } from './transport';

export async function invokeFunction(name: string, request: FunctionRequest): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const openid = getLocalOpenid();
  if (openid) headers['x-local-openid'] = openid;
  const res = await fetch(`/api/functions/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(request),
  });
  try {
    return (await res.json()) as unknown;
  } catch {
    throw new ServerReplyError(res.status);
  }
}
