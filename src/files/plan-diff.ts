import { createTwoFilesPatch } from 'diff';
import type { FilePlan } from './file-plan.js';

/**
 * The plan as a unified diff (git style a/ b/ names, /dev/null for created and deleted files). Every secret
 * (as written in JSON) is shown as *** so a dry run never prints a password.
 */
export function renderPlanDiff(plan: FilePlan, opts: { secrets?: readonly string[] } = {}): string {
  // longest first: a secret inside another (a password inside the legacy blob) must not break the outer match
  const secrets = (opts.secrets ?? [])
    .filter((s) => s !== '')
    .map((s) => JSON.stringify(s).slice(1, -1))
    .sort((a, b) => b.length - a.length);
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  return plan.changes
    .map((c) => {
      const before = c.kind === 'create' ? '' : c.before;
      const after = c.kind === 'delete' ? '' : c.after;
      const from = c.kind === 'create' ? '/dev/null' : `a/${c.file}`;
      const to = c.kind === 'delete' ? '/dev/null' : `b/${c.file}`;
      const patch = redact(createTwoFilesPatch(from, to, before, after, undefined, undefined, { context: 3 }));
      // drop the "Index:"/"====" preamble the diff package adds; git and patch(1) need only ---/+++ and hunks
      return patch
        .split('\n')
        .filter((l, i) => !(i < 2 && (l.startsWith('Index:') || l.startsWith('===='))))
        .join('\n');
    })
    .join('');
}
