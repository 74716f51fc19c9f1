import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A line longer than this is cut (and said so): no frame libocpp accepts comes near it, and memory stays bounded. */
export const MAX_LINE = 16 * 1024 * 1024;
// 64 KiB chunks stay in V8's young generation and die in its cheap scavenges; 1 MiB strings would land in
// large-object space and pile up until a full collection (peak RSS 20 % higher on a 100 MB log)
export const CHUNK = 64 * 1024;
// reads are synchronous into one reused buffer (an asynchronous read per 64 KiB chunk spent a fifth of the time
// waiting for the thread pool on a busy machine); every few MB the event loop gets a turn (signals, timers)
const YIELD_EVERY = 8 * 1024 * 1024;

/**
 * Calls `onText` with the file's text, chunk by chunk (UTF-8 sequences never split), and `onBytes` with each
 * chunk's size. `onText` returning true stops reading.
 */
export async function eachChunk(path: string, onText: (text: string) => boolean | void, onBytes?: (n: number) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const buf = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(path, 'r');
  try {
    let sinceYield = 0;
    for (let n = readSync(fd, buf, 0, CHUNK, null); n > 0; n = readSync(fd, buf, 0, CHUNK, null)) {
      onBytes?.(n);
      if (onText(decoder.write(n === CHUNK ? buf : buf.subarray(0, n)))) return;
      sinceYield += n;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const last = decoder.end();
    if (last) onText(last);
  } finally {
    closeSync(fd);
  }
}

/**
 * Calls `onLine(text, lineNumber, cut)` for every line of a file, streaming in 64 KiB chunks: memory holds one
 * chunk and one line, whatever the file size. CR before LF is dropped; a last line without LF is still a line.
 */
export async function eachLine(
  path: string,
  onLine: (text: string, line: number, cut: boolean) => void,
  onBytes?: (n: number) => void,
): Promise<void> {
  let rest = '';
  let cut = false;
  let n = 0;
  await eachChunk(
    path,
    (text) => {
      let start = 0;
      // the hot loop of every reader: one slice per line, CR dropped by where the slice ends
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        if (rest) {
          const line = rest + text.slice(start, nl);
          rest = '';
          onLine(line.endsWith('\r') ? line.slice(0, -1) : line, ++n, cut);
          cut = false;
        } else onLine(text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl), ++n, false);
        start = nl + 1;
      }
      if (start < text.length) {
        rest += text.slice(start);
        if (rest.length > MAX_LINE) {
          rest = rest.slice(0, MAX_LINE);
          cut = true;
        }
      }
    },
    onBytes,
  );
  if (rest) onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++n, cut);
}
