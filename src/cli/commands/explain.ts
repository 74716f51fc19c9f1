import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface ExplainFlags {
  config?: string;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('explain')
    .description('show a rule\'s docs, or what OCPP 2.0.1, 2.1 and libocpp say about a component or variable')
    .argument('<name>', 'a rule id, Component, Component.Variable or Variable')
    .option('-c, --config <dir>', 'also show where the name appears in this component_config (default: ./component_config when present)')
    .action(async (name: string, flags: ExplainFlags) => {
      ctx.exitCode = await explainCommand(name, flags, ctx);
    });
  examples(cmd, [
    'ocppctl explain OCPPCommCtrlr.NetworkConfigurationPriority',
    'ocppctl explain SecurityProfile',
    'ocppctl explain spec-required-variable',
    'ocppctl explain EVSE --config stations/a/component_config',
  ]);
}

async function explainCommand(name: string, flags: ExplainFlags, ctx: CliContext): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const { explain, formatExplanation, defaultConfigDir } = await import('../../catalog/explain.js');
  const { rules: treeRules } = await import('../../rules/index.js');
  const { everestRules } = await import('../../everest/index.js');
  const rules = [...treeRules, ...everestRules];
  const { loadConfigTree } = await import('../../model/index.js');
  const dir = flags.config ?? defaultConfigDir(ctx.io.cwd);
  const tree = dir === undefined ? undefined : loadConfigTree(dir, { cwd: ctx.io.cwd });
  const found = explain(name, {
    ruleIds: rules.map((r) => r.id),
    ruleDocs: (id) => {
      try {
        return readFileSync(new URL(`../../../../docs/rules/${id}.md`, import.meta.url), 'utf8');
      } catch {
        const rule = rules.find((r) => r.id === id)!;
        return `# ${id}\n\n${rule.description} (severity ${rule.severity}; no docs page yet)`;
      }
    },
    tree,
  });
  ctx.io.stdout.write(found.map(formatExplanation).join('\n\n') + '\n');
  return EXIT.ok;
}
