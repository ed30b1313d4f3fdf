/**
 * A load generator on its own thread (bench/signup-bench.ts): the calls of a burst are sent from
 * here, so the client's HTTP work does not run on the server's event loop — as on CloudBase,
 * where the callers are phones.
 *
 * Started once with { url } and kept for the whole bench (the warm-up goes through it too, so
 * its own code is compiled before the measured bursts, as a long-running client's would be).
 * It posts `{ tid }` (its thread id, from /proc/thread-self, for the per-thread CPU figures),
 * then answers each message `{ calls: [{ openid, fn, action, data }] }` by firing them all at
 * once and posting back `[{ ms, status, body }]` in call order.
 *
 * Honest client: one real HTTP/1.1 POST per call over loopback TCP (node:http; each burst opens
 * its own connections — every caller connects, as a crowd of phones does — and closes them
 * after), every reply read to the end and parsed as JSON; a reply that is not JSON is an error,
 * never dropped. (node:http rather than fetch: undici's fetch cost ≈ 0.5 ms of CPU a call here,
 * a third of the process's, and none of it is the server's.)
 */
import { readlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const target = new URL(workerData.url);

function call(agent, c) {
  const body = JSON.stringify({ action: c.action, data: c.data });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: `/api/functions/${c.fn}`,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-local-openid': c.openid,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve({ ms: performance.now() - started, status: res.statusCode, body: parsed });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let tid = null;
try {
  tid = readlinkSync('/proc/thread-self').split('/').pop();
} catch {
  // not Linux: no per-thread figures
}
parentPort.postMessage({ tid });
parentPort.on('message', ({ calls }) => {
  // Each burst on connections of its own, closed after it: a crowd of phones, each connecting.
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  Promise.all(calls.map((c) => call(agent, c)))
    .then(
      (results) => parentPort.postMessage({ results }),
      (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }),
    )
    .finally(() => agent.destroy());
});
