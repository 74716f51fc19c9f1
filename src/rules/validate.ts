import type { Diagnostic, Report, Severity } from '../diagnostics/diagnostic.js';
import { makeReport } from '../diagnostics/diagnostic.js';
import { redactDiagnostics } from '../diagnostics/redact.js';
import { loadConfigTree } from '../model/index.js';
import type { ConfigTree } from '../model/index.js';
import { rules as allRules } from './registry.js';
import { runRules } from './run.js';
import type { Rule, Target } from './rule.js';

export interface ValidateOptions {
  cwd?: string;
  target?: Target;
  rules?: readonly Rule[];
  /** Component files larger than this are not read (a json-syntax error). */
  maxFileSize?: number;
  /** Findings below this severity are counted but not located (line 0): the output will not list them. */
  locateFrom?: Severity;
}

export interface TreeResult {
  tree: ConfigTree;
  diagnostics: Diagnostic[];
}

/** Checks one loaded tree. */
export function validateTree(tree: ConfigTree, opts: ValidateOptions = {}): Diagnostic[] {
  return redactDiagnostics(runRules(tree, opts.rules ?? allRules, opts.target ?? 'libocpp', opts.locateFrom), tree.files);
}

/** Loads and checks every folder; throws OcppctlError only when a folder cannot be used at all. */
export function validate(dirs: readonly string[], opts: ValidateOptions = {}): Report {
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  for (const dir of dirs) {
    const tree = loadConfigTree(dir, { cwd: opts.cwd, maxFileSize: opts.maxFileSize });
    files += tree.files.length;
    diagnostics.push(...validateTree(tree, opts));
  }
  return makeReport(diagnostics, files);
}
