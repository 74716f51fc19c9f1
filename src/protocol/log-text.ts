import type { LoggedMessage } from './connection.js';

// Text from a peer (identities, descriptions, payloads, certificate names) reaches terminals and log files.
// C0 controls would start new log lines or drive the terminal (ESC, and C1's CSI U+009B in some terminals);
// line and paragraph separators and bidi overrides make one line read as another. All are shown escaped,
// JSON-style; lone surrogates too, so that what is printed is what was received.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
const escapeChar = (ch: string) => SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control, separator and bidi character escaped as in JSON (`\n`, `\u001b`). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

// JSON.stringify escapes C0 controls and lone surrogates but not DEL, C1, separators or bidi characters
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (pretty-printed or not) made safe for a terminal. The characters escaped can only sit inside
 * strings there, where the escape keeps the JSON valid and its value equal.
 */
export function safeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, escapeChar);
}

/** Payloads above this many characters are cut in logs (frames may be up to --max-frame, 1 MiB by default). */
export const LOG_TEXT_LIMIT = 4096;

/** `text` cut to `limit` characters with the full size in bytes appended: `…... (1048576 bytes)`. */
export function shorten(text: string, limit = LOG_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  // never split a surrogate pair: half of one would print as U+FFFD
  const end = /[\ud800-\udbff]/.test(text[limit - 1] ?? '') ? limit - 1 : limit;
  return `${text.slice(0, end)}... (${Buffer.byteLength(text)} bytes)`;
}

/** The readable body of a logged frame: payload JSON, or code and description; shortened, not yet escaped. */
export function frameBody(message: LoggedMessage): string {
  const f = message.frame;
  return shorten('payload' in f ? JSON.stringify(f.payload) : `${f.code} ${JSON.stringify(f.description)}`);
}

/** A logged frame for a JSON log: payload and description shortened the same way as on the terminal. */
export function shortenedFrame(message: LoggedMessage): LoggedMessage {
  const f = message.frame;
  const copy: Record<string, unknown> = { ...f };
  if ('action' in f) copy.action = shorten(f.action, 256);
  if ('payload' in f) {
    const text = JSON.stringify(f.payload);
    if (text.length > LOG_TEXT_LIMIT) copy.payload = shorten(text);
  } else {
    copy.description = shorten(f.description);
    const details = JSON.stringify(f.details);
    if (details.length > LOG_TEXT_LIMIT) copy.details = shorten(details);
  }
  return {
    ...message,
    frame: copy as unknown as LoggedMessage['frame'],
    ...(message.action ? { action: shorten(message.action, 256) } : {}),
    ...(message.problem ? { problem: shorten(message.problem, 1024) } : {}),
  };
}
