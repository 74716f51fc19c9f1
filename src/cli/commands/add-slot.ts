import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';
import { loadForEdit, writeOrPreview } from '../write-plan.js';
import { readPasswordEnv } from '../inputs.js';
import type { PriorityPlacement } from '../../slots/index.js';

interface AddSlotFlags {
  config: string;
  slot?: string;
  url?: string;
  securityProfile?: string;
  interface?: string;
  transport: string;
  messageTimeout: string;
  identity?: string;
  passwordEnv?: string;
  priority: string;
  dryRun?: boolean;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('add-slot')
    .description('add a NetworkConfiguration slot (a CSMS connection profile) and put it in NetworkConfigurationPriority')
    .option('-c, --config <dir>', 'component_config folder', 'component_config')
    .option('--slot <n>', 'slot number (default: the lowest free one)')
    .option('--url <url>', 'CSMS URL without the station identity, ws:// for profiles 0-1, wss:// for 2-3')
    .addOption(new Option('--security-profile <n>', 'security profile').choices(['0', '1', '2', '3']))
    .option('--interface <name>', 'OcppInterface: Wired0-3, Wireless0-3 or Any (default Any)')
    .addOption(new Option('--transport <name>', 'OcppTransport').choices(['JSON', 'SOAP']).default('JSON'))
    .option('--message-timeout <seconds>', 'MessageTimeout of this slot', '30')
    .option('--identity <id>', 'station identity for this slot (default: SecurityCtrlr.Identity)')
    .option('--password-env <VAR>', 'read the basic-auth password from this environment variable (never from a flag)')
    .option('--priority <where>', 'first, last, none, or a 1-based position in NetworkConfigurationPriority', 'last')
    .option('--dry-run', 'print the unified diff and write nothing')
    .action(async (flags: AddSlotFlags) => {
      ctx.exitCode = await addSlotCommand(flags, ctx);
    });
  examples(cmd, [
    'ocppctl add-slot --config component_config --url wss://csms.example.com/ocpp --security-profile 2 --password-env CSMS_PASSWORD',
    'ocppctl add-slot --url ws://backup.example.com:9000 --security-profile 1 --priority first --dry-run',
    'ocppctl add-slot   # on a terminal: asks for what is missing',
  ]);
}

async function addSlotCommand(flags: AddSlotFlags, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const { planAddSlot, actualText, variableOf } = await import('../../slots/index.js');
  const tree = await loadForEdit(ctx, flags.config, 'add-slot');

  const missing = (flag: string) => new OcppctlError('USAGE', `missing ${flag} (required when not on a terminal)`);
  const prompts = io.interactive ? await import('../prompts.js') : undefined;

  let profile = flags.securityProfile === undefined ? undefined : Number(flags.securityProfile);
  if (profile === undefined) {
    if (!prompts) throw missing('--security-profile 0-3');
    profile = await prompts.askSecurityProfile();
  }
  let url = flags.url;
  if (url === undefined) {
    if (!prompts) throw missing('--url URL');
    url = await prompts.askUrl(profile);
  }
  let iface = flags.interface;
  // a guided session (no --url) also offers the interface; otherwise its default stands
  if (iface === undefined) iface = prompts && flags.url === undefined ? await prompts.askInterface('Any') : 'Any';

  let password = readPasswordEnv(flags.passwordEnv, io.env);
  if (password === undefined && (profile === 1 || profile === 2) && prompts) {
    const fallback = Boolean(actualText(variableOf(tree, 'SecurityCtrlr', 'BasicAuthPassword')));
    password = await prompts.askPassword(fallback ? 'fallback' : 'none');
  }

  const slot = flags.slot === undefined ? undefined : Number(flags.slot);
  if (slot !== undefined && (!Number.isInteger(slot) || slot < 1))
    throw new OcppctlError('USAGE', `--slot needs a whole number ≥ 1, got "${flags.slot}"`);
  const timeout = Number(flags.messageTimeout);
  const result = planAddSlot(
    tree,
    {
      url,
      securityProfile: profile,
      interface: iface,
      transport: flags.transport,
      messageTimeout: timeout,
      identity: flags.identity,
      password,
    },
    { slot, priority: parsePlacement(flags.priority) },
  );
  const blob = actualText(variableOf(tree, 'InternalCtrlr', 'NetworkConnectionProfiles'));
  const refusalHint = blob
    ? 'InternalCtrlr.NetworkConnectionProfiles still holds legacy profiles, and libocpp clears them unread once a listed slot has a URL; run "ocppctl migrate" first, or add the slot with --priority none'
    : undefined;
  const code = await writeOrPreview(ctx, tree, result.plan, { dryRun: flags.dryRun, secrets: password ? [password] : [], refusalHint });
  for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
  if (code === EXIT.ok && !flags.dryRun) io.stdout.write(`added slot ${result.slot}\n`);
  return code;
}

function parsePlacement(text: string): PriorityPlacement {
  if (text === 'first' || text === 'last' || text === 'none') return text;
  if (/^[1-9]\d*$/.test(text)) return Number(text);
  throw new OcppctlError('USAGE', `--priority must be first, last, none or a position (1, 2, …), got "${text}"`);
}
