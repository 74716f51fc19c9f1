import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { runCli } from '../support/cli.js';
import { REFERENCE } from '../support/paths.js';

export const EVEREST_CONFIGS = join(REFERENCE, 'everest/config');
export const COMPONENT_CONFIG = join(REFERENCE, 'everest-component-config');

export interface Station {
  dir: string;
  /** The YAML path relative to dir. */
  yaml: string;
  text: string;
  cleanup(): void;
}

/**
 * A temp folder holding `config.yaml`: EVerest's config `name` (from the reference) changed by `edit`, or the
 * literal text given; with `componentConfig`, a copy of EVerest's component config as component_config/.
 */
export function station(opts: { name?: string; text?: string; edit?: (text: string) => string; componentConfig?: boolean }): Station {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-everest-'));
  let text = opts.text ?? readFileSync(join(EVEREST_CONFIGS, `${opts.name}.yaml`), 'utf8');
  if (opts.edit) {
    const next = opts.edit(text);
    assert.notEqual(next, text, 'the edit changed nothing: the reference config moved');
    text = next;
  }
  writeFileSync(join(dir, 'config.yaml'), text);
  if (opts.componentConfig) cpSync(COMPONENT_CONFIG, join(dir, 'component_config'), { recursive: true });
  return { dir, yaml: 'config.yaml', text, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeIn(dir: string, rel: string, text: string) {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

/** 1-based line of the first occurrence of `snippet` (after `after`, when given). */
export function lineOf(text: string, snippet: string, after = ''): number {
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(snippet, from);
  assert.ok(at >= 0 && from >= 0, `"${snippet}" is not in the config`);
  return text.slice(0, at).split('\n').length;
}

export interface EverestRun {
  code: number;
  stderr: string;
  diagnostics: Diagnostic[];
  summary: { errors: number; warnings: number; infos: number; files: number };
}

/** validate --everest-config config.yaml [extra…] --format json, in the station's folder. */
export async function validateStation(s: Station, extra: string[] = []): Promise<EverestRun> {
  const r = await runCli(['validate', ...extra, '--everest-config', s.yaml, '--format', 'json'], { cwd: s.dir });
  assert.equal(r.stderr.includes('internal error'), false, r.stderr);
  const report = r.stdout ? JSON.parse(r.stdout) : { diagnostics: [], summary: {} };
  return { code: r.code, stderr: r.stderr, diagnostics: report.diagnostics, summary: report.summary };
}

export const byRule = (run: EverestRun, ruleId: string) => run.diagnostics.filter((d) => d.ruleId === ruleId);
