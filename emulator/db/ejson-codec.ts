/**
 * EJSON codec between the SDK's wire format, in-memory documents and the stored text.
 * Invariants:
 *  - decoding turns $numberInt/$numberDouble/$numberLong/$numberDecimal into JS numbers,
 *    $date into Date, $regularExpression into RegExp, $oid into its hex string and
 *    $tcb_server_date into Date(now() + offset);
 *  - the stored text of a document is exactly what the SDK receives (it runs EJSON.parse on
 *    it), so an unprojected document is sent without re-encoding;
 *  - encode(decode(x)) is stable: dates are written as {"$date":{"$numberLong":"ms"}}.
 */

export type Doc = Record<string, unknown>;
export type Clock = () => number;

export function isPlainObject(v: unknown): v is Doc {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === '-0.0' || v === '-0') return -0;
    return Number(v);
  }
  if (isPlainObject(v)) return toNumber(reviveWrapper(v, Date.now) ?? NaN);
  return NaN;
}

/** Converts a single-key EJSON wrapper object, or returns undefined when `o` is not one. */
function reviveWrapper(o: Doc, now: Clock): unknown {
  const keys = Object.keys(o);
  if (keys.length !== 1) return undefined;
  const k = keys[0] as string;
  if (k.charCodeAt(0) !== 36 /* $ */) return undefined;
  const v = o[k];
  switch (k) {
    case '$numberInt':
    case '$numberDouble':
    case '$numberLong':
    case '$numberDecimal':
      return toNumber(v);
    case '$date': {
      if (typeof v === 'string') return new Date(v);
      if (typeof v === 'number') return new Date(v);
      if (isPlainObject(v)) return new Date(toNumber(v['$numberLong']));
      return undefined;
    }
    case '$regularExpression': {
      if (!isPlainObject(v) || typeof v['pattern'] !== 'string') return undefined;
      const opts = typeof v['options'] === 'string' ? v['options'] : '';
      const flags = [...opts].filter((c) => REGEX_FLAGS.has(c)).join('');
      return new RegExp(v['pattern'], flags);
    }
    case '$tcb_server_date': {
      const offset = isPlainObject(v) ? toNumber(reviveValue(v['offset'], now)) : 0;
      return new Date(now() + (Number.isFinite(offset) ? offset : 0));
    }
    case '$oid':
      return typeof v === 'string' ? v : undefined;
    case '$undefined':
      return null;
    default:
      return undefined;
  }
}

/** Recursively revives EJSON wrappers inside a JSON.parse result (mutates containers in place). */
export function reviveValue(v: unknown, now: Clock): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object' && x !== null) v[i] = reviveValue(x, now);
    }
    return v;
  }
  const o = v as Doc;
  let first = true;
  for (const k in o) {
    if (first) {
      first = false;
      if (k.charCodeAt(0) === 36) {
        const wrapped = reviveWrapper(o, now);
        if (wrapped !== undefined) return wrapped;
      }
    }
    const x = o[k];
    if (typeof x === 'object' && x !== null) o[k] = reviveValue(x, now);
  }
  return o;
}

/** Parses one EJSON text (canonical or relaxed) from the wire or from storage. */
export function decodeText(text: string, now: Clock = Date.now): unknown {
  return reviveValue(JSON.parse(text) as unknown, now);
}

export function decodeDoc(text: string, now: Clock = Date.now): Doc {
  const v = decodeText(text, now);
  if (!isPlainObject(v)) throw new TypeError('document is not an object');
  return v;
}

function regexOptions(r: RegExp): string {
  return [...r.flags]
    .filter((c) => REGEX_FLAGS.has(c))
    .sort()
    .join('');
}

function encodeInto(v: unknown, out: string[]): void {
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'number':
      if (Number.isFinite(v)) out.push(Object.is(v, -0) ? '0' : String(v));
      else out.push(`{"$numberDouble":"${Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'}"}`);
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'bigint':
      out.push(String(Number(v)));
      return;
    case 'undefined':
    case 'function':
    case 'symbol':
      out.push('null');
      return;
    default:
      break;
  }
  if (v === null) {
    out.push('null');
    return;
  }
  if (v instanceof Date) {
    const t = v.getTime();
    out.push(Number.isNaN(t) ? 'null' : `{"$date":{"$numberLong":"${t}"}}`);
    return;
  }
  if (v instanceof RegExp) {
    out.push(`{"$regularExpression":{"pattern":${JSON.stringify(v.source)},"options":"${regexOptions(v)}"}}`);
    return;
  }
  if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      encodeInto(v[i], out);
    }
    out.push(']');
    return;
  }
  out.push('{');
  let first = true;
  for (const k of Object.keys(v as object)) {
    const x = (v as Doc)[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(k), ':');
    encodeInto(x, out);
  }
  out.push('}');
}

/** Encodes a value as EJSON text readable by the SDK (bson EJSON.parse) and by decodeText. */
export function encodeValue(v: unknown): string {
  const out: string[] = [];
  encodeInto(v, out);
  return out.join('');
}
