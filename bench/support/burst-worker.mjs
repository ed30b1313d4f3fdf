/**
 * A load generator on its own thread (bench/signup-bench.ts): the calls of a burst are sent from
 * here, so the client's HTTP work does not run on the server's event loop — as on CloudBase,
 * where the callers are phones. Receives { url, calls: [{ openid, fn, action, data }] }, fires
 * them all at once, posts back [{ ms, body }] in call order.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { url, calls } = workerData;
const results = await Promise.all(
  calls.map(async (c) => {
    const started = performance.now();
    const res = await fetch(`${url}/api/functions/${c.fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': c.openid },
      body: JSON.stringify({ action: c.action, data: c.data }),
    });
    const body = await res.json();
    return { ms: performance.now() - started, body };
  }),
);
parentPort.postMessage(results);
