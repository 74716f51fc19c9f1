import type { Origin } from './record.js';

// Writes frames the way libocpp's MessageLogging does (see parse.ts for the formats), so that a test CSMS can
// keep the same log from the other side and tests can make logs in every format. nlohmann::json keeps object
// keys sorted, and dump(2) indents by two spaces: JSON.stringify of a key-sorted copy prints the same text.

export type WriterFormat = 'log' | 'raw-log' | 'html' | 'html-old' | 'raw-html';

const sortKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : typeof v === 'object' && v !== null
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
        )
      : v;

/** libocpp's RFC 3339 with milliseconds: 2026-03-01T10:00:00.123Z */
export const libocppTime = (d: Date) => d.toISOString();

/**
 * Keeps libocpp's type column: a CALL is typed by its action and remembers `<action>Response` for the answer
 * (in either direction); a result whose CALL was not seen gets an empty type; a CALLERROR is "Unknown".
 */
export class LibocppLogWriter {
  private readonly lookup = new Map<string, string>();

  constructor(private readonly format: WriterFormat = 'log') {}

  /** The file's opening text (HTML tags), or '' for text formats. */
  opening(): string {
    return this.format === 'html' || this.format === 'html-old' || this.format === 'raw-html' ? HTML_OPEN : '';
  }

  /** The closing text libocpp writes when it stops cleanly. */
  closing(): string {
    return this.opening() ? HTML_CLOSE : '';
  }

  sys(message: string, at: Date): string {
    return this.entry('SYS', message, '', at);
  }

  /** One frame as sent or received: the wire text (or the parsed array). */
  frame(from: 'ChargePoint' | 'CentralSystem', frame: string | unknown[], at: Date): string {
    const wire = typeof frame === 'string' ? frame : JSON.stringify(frame);
    if (this.format === 'raw-log' || this.format === 'raw-html') return this.entry(from, wire, '', at);
    let type = 'Unknown';
    let body = wire;
    try {
      const a = JSON.parse(wire) as unknown[];
      if (a[0] === 2) {
        type = String(a[2]);
        this.lookup.set(String(a[1]), `${type}Response`);
      } else if (a[0] === 3) {
        type = this.lookup.get(String(a[1])) ?? '';
        this.lookup.delete(String(a[1]));
      }
      body = JSON.stringify(sortKeys(a), null, 2);
    } catch {
      // libocpp logs a frame it cannot parse as it came
    }
    return this.entry(from, type, body, at);
  }

  private entry(origin: Origin, type: string, body: string, at: Date): string {
    const ts = libocppTime(at);
    const target = origin === 'ChargePoint' ? 'CentralSystem' : origin === 'CentralSystem' ? 'ChargePoint' : '';
    const cp = origin === 'CentralSystem' ? '' : type;
    const cs = origin === 'CentralSystem' ? type : '';
    if (this.format === 'log' || this.format === 'raw-log') return `${ts}: ${origin}>${target} ${cp} ${cs}\n${body}\n\n`;
    const arrow = this.format === 'html-old' ? `${origin}&gt;${target}` : `${origin}-&gt;<br>${target}`;
    const encoded = body.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return `<tr class="${origin}"> <td>${ts}</td> <td>${arrow}</td> <td><b>${cp}</b></td><td><b>${cs}</b></td> <td><pre lang="json">${encoded}</pre></td> </tr>\n`;
  }
}

const HTML_OPEN =
  '<html><head><title>EVerest OCPP log session</title>\n' +
  '<style>.log {  font-family: Arial, Helvetica, sans-serif;  border-collapse: collapse;  width: 100%;}.log td, .log th {  border: 1px solid #ddd;  padding: 8px;  vertical-align: top;}</style>' +
  '</head><body><table class="log">\n';
const HTML_CLOSE = '</table></body></html>\n';

/** A security log line: a SecurityEventNotificationRequest. */
export const securityLine = (type: string, at: Date, techInfo?: string) =>
  JSON.stringify({ ...(techInfo !== undefined ? { techInfo } : {}), timestamp: libocppTime(at), type }) + '\n';
