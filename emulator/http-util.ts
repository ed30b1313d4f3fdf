/**
 * Small HTTP helpers for the local server: bodies with a size cap, JSON replies, refusals.
 *
 * Invariants: a body over its cap is never read to the end — `readBody` rejects as soon as the
 * declared length (or the bytes read) pass the cap and stops reading; the caller answers 413
 * with `Connection: close` (`sendJson(..., { close: true })`), which closes the connection once
 * the reply is flushed, so no request hangs and the next connection is served normally.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, type ErrorCode } from '../types/errors';

export class BodyTooLargeError extends Error {}

/** The client went away before its body arrived; there is nobody left to answer. */
export class ClientGoneError extends Error {}

/** A refusal at the HTTP layer: a status and the app's error envelope. */
export class HttpError extends Error {
  readonly error: AppError;
  constructor(
    readonly status: number,
    code: ErrorCode,
    reason: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.error = new AppError(code, reason, message);
  }
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.pause();
    return Promise.reject(new BodyTooLargeError(`body over ${maxBytes} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (!error) return resolve(Buffer.concat(chunks));
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(new BodyTooLargeError(`body over ${maxBytes} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(new ClientGoneError(error.message));
    const onClose = () => {
      if (!req.complete) finish(new ClientGoneError('client closed the connection'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Parses a JSON object body; anything else is a 400 VALIDATION refusal. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  return parseJsonObjectText(body.toString('utf8'));
}

/** `parseJsonObject` of a body already in text form (the in-process transport's). */
export function parseJsonObjectText(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed();
  return value as Record<string, unknown>;
}

export function malformed(): HttpError {
  return new HttpError(400, 'VALIDATION', 'request.malformed', '请求格式不正确');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: { close?: boolean; headers?: Record<string, string> } = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...options.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...(options.close ? { connection: 'close' } : {}),
  });
  res.end(text);
  if (options.close) closeAfterFlush(res);
}

/** Ends the connection once the reply has been handed to the socket; reads nothing more. */
export function closeAfterFlush(res: ServerResponse): void {
  const socket = res.socket;
  res.req.pause();
  res.once('finish', () => socket?.destroy());
}

export function sendError(
  res: ServerResponse,
  status: number,
  error: AppError,
  options: { close?: boolean; headers?: Record<string, string> } = {},
): void {
  sendJson(res, status, { ok: false, error: error.toBody() }, options);
}
