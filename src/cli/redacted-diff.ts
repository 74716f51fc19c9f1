import type { FilePlan } from '../files/index.js';
import { renderPlanDiff } from '../files/plan-diff.js';
import { redactJsonSource, SecretRedactor, secretsOfJsonText } from '../diagnostics/redact.js';

/**
 * The dry-run diff of a plan with every secret masked: each side of each file is redacted where its secrets
 * sit (slot passwords, VPN/APN credentials, WriteOnly values, the legacy blob's fields), so a removed slot or a
 * cleared blob shows its shape but no password; then every secret of either side, and `extra` (a password from
 * --password-env), is masked wherever the text still holds it.
 */
export function renderRedactedDiff(plan: FilePlan, extra: Iterable<string> = []): string {
  const secrets = new Set(extra);
  const changes = plan.changes.map((c) => {
    if (c.kind !== 'create') secretsOfJsonText(c.before, secrets);
    if (c.kind !== 'delete') secretsOfJsonText(c.after, secrets);
    if (c.kind === 'create') return { ...c, after: redactJsonSource(c.after) };
    if (c.kind === 'delete') return { ...c, before: redactJsonSource(c.before) };
    return { ...c, before: redactJsonSource(c.before), after: redactJsonSource(c.after, { previous: c.before }) };
  });
  return new SecretRedactor(secrets).text(renderPlanDiff({ ...plan, changes }));
}
