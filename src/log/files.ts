import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { OcppctlError } from '../errors.js';
import type { LogFileInfo, LogFormat } from './record.js';

// <session>.log, <session>_raw.log, <session>.html, <session>_raw.html, <session>.security.log, each maybe
// rotated: `.0`, `.1`, … (a higher number is older) or a date suffix `.YYYYmmddHHMMSS`
const NAME = /^(.+?)(?:(\.security\.log)|(_raw)?\.(log|html))(?:\.(\d+))?$/;

export interface Classified {
  session: string;
  format: LogFormat;
  /** Rotation suffix: counter (higher = older) or 14-digit date; undefined for the live file. */
  counter?: number;
  date?: string;
}

export function classify(name: string): Classified | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const format: LogFormat = m[2] ? 'security' : m[4] === 'html' ? (m[3] ? 'raw-html' : 'html') : m[3] ? 'raw-log' : 'log';
  const suffix = m[5];
  return { session: m[1], format, ...(suffix === undefined ? {} : suffix.length === 14 ? { date: suffix } : { counter: Number(suffix) }) };
}

/** Oldest first: the highest counter, then lower ones, then dates in order, then the live file. */
function rotationOrder(a: Classified, b: Classified): number {
  const rank = (c: Classified) => (c.counter !== undefined ? 0 : c.date !== undefined ? 1 : 2);
  return rank(a) - rank(b) || (b.counter ?? 0) - (a.counter ?? 0) || (a.date ?? '').localeCompare(b.date ?? '');
}

// the formats of one session repeat the same frames: read the most complete one, plus the security log
const PREFERENCE: LogFormat[] = ['log', 'html', 'raw-log', 'raw-html'];

export interface SessionFiles {
  name: string;
  files: LogFileInfo[];
}

/**
 * The files to read, grouped by session, oldest session first, each session's files oldest first. A folder
 * gives every session in it; a file gives itself plus its rotated predecessors (`x.log.1`, `x.log.0`, `x.log`).
 */
export function findLogFiles(inputs: string[], cwd: string): SessionFiles[] {
  const sessions = new Map<string, { dir: string; name: string; files: Map<string, Classified & { path: string }> }>();
  const add = (path: string, c: Classified) => {
    const key = join(dirname(path), c.session);
    let s = sessions.get(key);
    if (!s) sessions.set(key, (s = { dir: dirname(path), name: c.session, files: new Map() }));
    s.files.set(path, { ...c, path });
  };
  const siblings = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  for (const input of inputs) {
    const path = resolve(cwd, input);
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      throw new OcppctlError('INPUT', `cannot read ${input} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    if (st.isDirectory()) {
      const found = siblings(path).filter((n) => classify(n) && statSync(join(path, n), { throwIfNoEntry: false })?.isFile());
      if (!found.length) throw new OcppctlError('INPUT', `${input} holds no libocpp message log (*.log, *.html, *.security.log)`);
      const bySession = new Map<string, string[]>();
      for (const n of found) {
        const c = classify(n)!;
        const k = c.session;
        bySession.set(k, [...(bySession.get(k) ?? []), n]);
      }
      for (const names of bySession.values()) {
        const formats = new Set(names.map((n) => classify(n)!.format));
        const primary = PREFERENCE.find((f) => formats.has(f));
        for (const n of names) {
          const c = classify(n)!;
          if (c.format === primary || c.format === 'security') add(join(path, n), c);
        }
      }
    } else {
      const c = classify(basename(path)) ?? { session: basename(path), format: guessFormat(basename(path)) };
      add(path, c);
      if (c.counter === undefined && c.date === undefined)
        for (const n of siblings(dirname(path))) {
          const s = classify(n);
          if (s && s.session === c.session && s.format === c.format && (s.counter !== undefined || s.date !== undefined))
            add(join(dirname(path), n), s);
        }
    }
  }
  const rel = (p: string) => relative(cwd, p).split(sep).join('/') || basename(p);
  return [...sessions.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.dir.localeCompare(b.dir))
    .map((s) => ({
      name: s.name,
      files: [...s.files.values()]
        // the message log first, its security log after it
        .sort((a, b) => Number(a.format === 'security') - Number(b.format === 'security') || rotationOrder(a, b))
        .map((f) => ({ file: rel(f.path), path: f.path, format: f.format, session: s.name, bytes: statSync(f.path).size })),
    }));
}

const guessFormat = (name: string): LogFormat => (/\.html?$/i.test(name) ? 'html' : /security/i.test(name) ? 'security' : 'log');
