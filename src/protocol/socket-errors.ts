import type { EventEmitter } from 'node:events';

const first = new WeakMap<EventEmitter, Error>();
const kept = new WeakSet<EventEmitter>();

/**
 * Gives `emitter` an 'error' listener for good, remembering the first error. Node throws an 'error' event that
 * has no listener, and one bad frame or reset from a peer would then end the whole process. Idempotent.
 */
export function keepErrors(emitter: EventEmitter): void {
  if (kept.has(emitter)) return;
  kept.add(emitter);
  emitter.on('error', (err: Error) => {
    if (!first.has(emitter)) first.set(emitter, err);
  });
}

export const firstError = (emitter: EventEmitter): Error | undefined => first.get(emitter);

// ws's receiver errors name the close code it sent (RFC 6455 §7.4.1); ws keeps it under a private symbol,
// so it is mapped from the public error code here.
const CLOSE_CODES: Record<string, number> = {
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 1008,
};

/** The close code ws sent after `err`: 1007 invalid UTF-8, 1009 too big, 1008 too many parts, else 1002. */
export const closeCodeOf = (err: Error): number => CLOSE_CODES[(err as NodeJS.ErrnoException).code ?? ''] ?? 1002;

/** How long a closing peer may take to answer our close frame before the socket is dropped (ws default: 30 s). */
export const CLOSE_TIMEOUT_MS = 1000;

/** Default largest WebSocket message accepted (`--max-frame`); ws's own default is 100 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
