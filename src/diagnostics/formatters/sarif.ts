import type { Formatter } from './formatter.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

// SARIF 2.1.0 as GitHub code scanning accepts it: every rule listed with its help text and docs page,
// every result with a physical location (relative URI and a 1-based region).
export const sarif: Formatter = (report, ctx) => {
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ocppctl',
            version: ctx.toolVersion,
            informationUri: 'https://github.com/ocppctl/ocppctl',
            rules: ctx.rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              help: { text: `${r.description}. See ${r.helpUri}`, markdown: `${r.description}. [Rule documentation](${r.helpUri})` },
              helpUri: r.helpUri,
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        results: report.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
          level: LEVEL[d.severity],
          message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(d.file) },
                region: {
                  startLine: d.line,
                  startColumn: d.column,
                  ...(d.endLine ? { endLine: d.endLine } : {}),
                  ...(d.endColumn ? { endColumn: d.endColumn } : {}),
                },
              },
              ...(d.pointer ? { logicalLocations: [{ fullyQualifiedName: d.pointer, kind: 'member' }] } : {}),
            },
          ],
          ...(d.related?.length
            ? {
                relatedLocations: d.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: { uri: encodeURI(r.file) }, region: { startLine: r.line, startColumn: r.column } },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};
