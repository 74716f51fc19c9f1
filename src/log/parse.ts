import type { LogDefect, LogFormat, LogRecord, Origin, SecurityEvent } from './record.js';

// The formats, as libocpp's MessageLogging writes them (lib/ocpp/common/ocpp_logging.cpp):
//
// .log       `<ts>: <origin>><target> <cp type> <cs type>\n<frame pretty-printed by json::dump(2)>\n\n`
//            the CentralSystem's type sits in the second slot, so its header has two spaces; SYS lines have an
//            empty target and an empty body; an outgoing CALLERROR is typed "Unknown"; a result whose CALL
//            was not seen has an empty type
// _raw.log   the same header with the frame as sent on the wire in the type slot, and an empty body
// .html      one <tr> per frame: time, `ORIGIN-&gt;<br>TARGET` (EVerest main since March 2026) or
//            `ORIGIN&gt;TARGET` (2026.02.1 and older), the two type cells, the body in <pre> with only < and >
//            escaped; a crash leaves no closing tags, and rotation reopens a file after its old footer
// .security.log  one SecurityEventNotificationRequest JSON per line

/** A frame body longer than this is reported, not kept: memory stays bounded on a damaged file. */
const MAX_FRAME = 16 * 1024 * 1024;

const HEADER = /^(\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:?\d\d)?): (ChargePoint|CentralSystem|SYS)>(\w*) (.*)$/;

export interface Sink {
  frame(r: LogRecord): void;
  security(e: SecurityEvent): void;
  defect(d: LogDefect): void;
}

export interface LineParser {
  line: (text: string, n: number, cut: boolean) => void;
  end: () => void;
}

export function parserFor(format: LogFormat, file: string, sink: Sink): LineParser {
  if (format === 'security') return securityParser(file, sink);
  if (format === 'html' || format === 'raw-html') return htmlParser(file, sink);
  return textParser(file, sink);
}

/** Turns a header's parts and body into a record, or a located defect. */
export function toRecord(file: string, line: number, time: string | null, from: Origin, typeText: string, body: string, sink: Sink) {
  const type = typeText.trim();
  if (from === 'SYS') {
    sink.frame({ file, line, time, from, messageTypeId: null, messageId: null, action: null, payload: null, latencyMs: null, text: type });
    return;
  }
  // _raw files carry the frame in the type slot; the others in the body
  const frameText = body !== '' ? body : type.startsWith('[') ? type : '';
  if (frameText === '') {
    sink.defect({ file, line, message: `the ${from} frame has no body` });
    return;
  }
  let data: unknown;
  try {
    data = JSON.parse(frameText);
  } catch {
    sink.defect({ file, line, message: `the ${from} frame is not JSON${type ? ` (typed "${short(type)}")` : ''}` });
    return;
  }
  const problem = frameProblem(data);
  if (problem) {
    sink.defect({ file, line, message: `the ${from} frame is not an OCPP-J message: ${problem}` });
    return;
  }
  const a = data as unknown[];
  const messageTypeId = a[0] as 2 | 3 | 4 | 5 | 6;
  const messageId = a[1] as string;
  // object literals, not spreads of a shared base: V8 builds these several times faster
  if (messageTypeId === 2 || messageTypeId === 6)
    sink.frame({ file, line, time, from, messageTypeId, messageId, action: a[2] as string, payload: a[3], latencyMs: null });
  else if (messageTypeId === 3)
    sink.frame({ file, line, time, from, messageTypeId, messageId, action: null, payload: a[2], latencyMs: null });
  else
    sink.frame({
      file,
      line,
      time,
      from,
      messageTypeId,
      messageId,
      action: null,
      payload: a[4] ?? {},
      latencyMs: null,
      errorCode: String(a[2]),
      errorDescription: typeof a[3] === 'string' ? a[3] : JSON.stringify(a[3] ?? ''),
    });
}

function frameProblem(data: unknown): string | undefined {
  if (!Array.isArray(data)) return 'not an array';
  const [type, id] = data as unknown[];
  if (!([2, 3, 4, 5, 6] as unknown[]).includes(type)) return `message type ${short(JSON.stringify(type) ?? '?')} is not 2, 3 or 4`;
  if (typeof id !== 'string' || id === '') return 'the message id is not a non-empty string';
  if ((type === 2 || type === 6) && (data.length !== 4 || typeof data[2] !== 'string')) return 'a CALL is [2, id, action, payload]';
  if (type === 3 && data.length !== 3) return 'a CALLRESULT is [3, id, payload]';
  if ((type === 4 || type === 5) && (data.length < 4 || typeof data[2] !== 'string'))
    return 'a CALLERROR is [4, id, code, description, details]';
  return undefined;
}

const short = (s: string) => (s.length > 60 ? s.slice(0, 57) + '...' : s);

function textParser(file: string, sink: Sink): LineParser {
  let head: { line: number; time: string; from: Origin; type: string } | undefined;
  // the body as one string built by concatenation (V8 keeps it as a rope until JSON.parse flattens it once);
  // json::dump(2) never breaks a string across lines, so the line breaks between tokens can go
  let body = '';
  let tooLong = false;
  const flush = () => {
    if (!head) return;
    if (tooLong) sink.defect({ file, line: head.line, message: `the frame is longer than ${MAX_FRAME} characters; not read` });
    else toRecord(file, head.line, head.time, head.from, head.type, body, sink);
    head = undefined;
    body = '';
    tooLong = false;
  };
  return {
    line(text, n, cut) {
      if (cut) sink.defect({ file, line: n, message: `line ${n} is longer than 16 MiB; cut` });
      // a header starts with the year; body lines with JSON punctuation or indentation
      const c0 = text.charCodeAt(0);
      const m = c0 >= 48 && c0 <= 57 ? HEADER.exec(text) : null;
      if (m) {
        flush();
        head = { line: n, time: m[1], from: m[2] as Origin, type: m[4] };
        return;
      }
      if (text === '') {
        if (body !== '') flush();
        return;
      }
      if (!head) {
        sink.defect({ file, line: n, message: `line ${n} is not part of any frame (expected "<time>: <origin>><target> <type>")` });
        return;
      }
      if (body.length + text.length > MAX_FRAME) tooLong = true;
      else if (!tooLong) body = body === '' ? text : body + '\n' + text;
    },
    end: flush,
  };
}

// `<tr class="ChargePoint"> <td>ts</td> <td>ChargePoint-&gt;<br>CentralSystem</td> <td><b>type</b></td><td><b>type</b></td> <td><pre lang="json">body</pre></td> </tr>`
const ROW =
  /^<tr class="(\w*)">\s*<td>([^<]*)<\/td>\s*<td>(ChargePoint|CentralSystem|SYS)-?&gt;(?:<br>)?(\w*)<\/td>\s*<td><b>([\s\S]*?)<\/b><\/td>\s*<td><b>([\s\S]*?)<\/b><\/td>\s*<td><pre[^>]*>([\s\S]*)<\/pre><\/td>\s*<\/tr>$/;
const ROW_END = /<\/pre><\/td>\s*<\/tr>$/;
// the page around the rows: libocpp's opening tags (title line, style line) and footer, repeated after rotation
const FRAME_LINE = /^(<html>|<style>|<\/table><\/body><\/html>|<\/head>|<\/?body|<table|<\/table>)/;

const decodeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function htmlParser(file: string, sink: Sink): LineParser {
  let row: { line: number; parts: string[]; size: number } | undefined;
  const finish = () => {
    if (!row) return;
    const text = row.parts.join('\n');
    const start = row.line;
    row = undefined;
    const m = ROW.exec(text);
    if (!m) {
      sink.defect({ file, line: start, message: 'the table row is not a libocpp log row' });
      return;
    }
    const from = m[3] as Origin;
    const typeText = from === 'CentralSystem' ? m[6] : m[5];
    toRecord(file, start, m[2].trim() || null, from, typeText, decodeHtml(m[7]), sink);
  };
  return {
    line(text, n, cut) {
      if (cut) sink.defect({ file, line: n, message: `line ${n} is longer than 16 MiB; cut` });
      if (text.startsWith('<tr ')) {
        if (row) sink.defect({ file, line: row.line, message: 'the table row is cut off (a new row starts before it ends)' });
        row = { line: n, parts: [], size: 0 };
      }
      if (row) {
        row.size += text.length + 1;
        if (row.size > MAX_FRAME) {
          sink.defect({ file, line: row.line, message: `the table row is longer than ${MAX_FRAME} characters; not read` });
          row = undefined;
          return;
        }
        row.parts.push(text);
        if (ROW_END.test(text)) finish();
        return;
      }
      if (text.trim() === '' || FRAME_LINE.test(text)) return;
      sink.defect({ file, line: n, message: `line ${n} is not part of any table row` });
    },
    end() {
      // a file that lost its closing tags (a crash) is normal; a row that lost its end is damage
      if (row) sink.defect({ file, line: row.line, message: 'the table row is cut off (the file ends inside it)' });
      row = undefined;
    },
  };
}

function securityParser(file: string, sink: Sink): LineParser {
  return {
    line(text, n) {
      if (text.trim() === '') return;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        sink.defect({ file, line: n, message: `line ${n} is not a JSON SecurityEventNotificationRequest` });
        return;
      }
      const o = data as Record<string, unknown>;
      if (typeof o !== 'object' || o === null || typeof o.type !== 'string') {
        sink.defect({ file, line: n, message: `line ${n} has no security event "type"` });
        return;
      }
      sink.security({
        file,
        line: n,
        time: typeof o.timestamp === 'string' ? o.timestamp : null,
        type: o.type,
        ...(typeof o.techInfo === 'string' ? { techInfo: o.techInfo } : {}),
      });
    },
    end() {},
  };
}
