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
    .description("show a rule's docs, or what OCPP 2.0.1, 2.1 and libocpp say about a component or variable")
    .argument('[name]', 'a rule id, Component, Component.Variable or Variable (none: list the rules and commands)')
    .option('-c, --config <dir>', 'also show where the name appears in this component_config (default: ./component_config when present)')
    .action(async (name: string | undefined, flags: ExplainFlags) => {
      ctx.exitCode = name === undefined ? await listTopics(ctx) : await explainCommand(name, flags, ctx);
    });
  examples(cmd, [
    'ocppctl explain   # the rules and commands',
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

/** `ocppctl explain` alone: what can be explained, the rules by severity and the commands. */
async function listTopics(ctx: CliContext): Promise<number> {
  const { rules } = await import('../../rules/index.js');
  // a run that names its command registers only that one; list them all from the command table
  const { commands } = await import('./index.js');
  const { Command: Program } = await import('commander');
  const all = new Program('ocppctl');
  for (const [, register] of commands) register(all, ctx);
  const width = Math.max(...rules.map((r) => r.id.length), ...all.commands.map((c) => c.name().length + 8));
  const lines = ['Rules (ocppctl explain <rule>):'];
  for (const r of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1)))
    lines.push(`  ${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}`);
  lines.push('', 'Commands (ocppctl help <command>):');
  for (const c of all.commands) {
    lines.push(`  ${c.name().padEnd(width)}  ${c.description()}`);
    for (const sub of c.commands) lines.push(`  ${`${c.name()} ${sub.name()}`.padEnd(width)}  ${sub.description()}`);
  }
  lines.push('', 'Components and variables: ocppctl explain OCPPCommCtrlr, ocppctl explain OCPPCommCtrlr.HeartbeatInterval');
  ctx.io.stdout.write(lines.join('\n') + '\n');
  return EXIT.ok;
}
