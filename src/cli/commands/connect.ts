import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples, useColor } from '../context.js';
import { readPasswordEnv } from '../inputs.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';

interface ConnectFlags {
  config: string;
  slot?: string;
  allSlots?: boolean;
  url?: string;
  identity?: string;
  passwordEnv?: string;
  ca?: string;
  cert?: string;
  key?: string;
  ocpp?: '1.6' | '2.0.1' | '2.1';
  timeout: string;
  stay: string;
  json?: boolean;
  verbose?: boolean;
  maxFrame: string;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('connect')
    .description("connect to the CSMS with a slot's settings exactly as libocpp would, boot, and report each step")
    .option('-c, --config <dir>', 'component_config folder of the station', 'component_config')
    .option('--slot <n>', 'slot to use (default: the first in NetworkConfigurationPriority)')
    .option('--all-slots', 'try every slot of the priority list in order')
    .option('--url <url>', 'CSMS URL instead of the slot OcppCsmsUrl')
    .option('--identity <id>', 'identity instead of the slot Identity / SecurityCtrlr.Identity')
    .option('--password-env <VAR>', 'environment variable holding the basic-auth password (instead of the slot / SecurityCtrlr)')
    .option('--ca <file>', 'PEM CA bundle that signs the CSMS certificate (added to the system roots)')
    .option('--cert <file>', 'station certificate chain (PEM), security profile 3')
    .option('--key <file>', 'station private key (PEM), security profile 3')
    .addOption(
      new Option(
        '--ocpp <version>',
        'offer only this OCPP version instead of InternalCtrlr.SupportedOcppVersions (1.6: boot, heartbeat and status as a 1.6 station)',
      ).choices(['2.0.1', '2.1', '1.6']),
    )
    .option('--timeout <s>', 'seconds for every step from dialling to the last StatusNotification, each CALL included', '30')
    .option('--stay <s>', 'seconds to stay connected afterwards, answering the CSMS', '0')
    .option('--json', 'print the results as JSON')
    .option('-v, --verbose', 'also print every OCPP message (secrets redacted)')
    .option(
      '--max-frame <bytes>',
      'largest WebSocket message accepted from the CSMS; a bigger one fails with protocol-error',
      String(1024 * 1024),
    )
    .action(async (flags: ConnectFlags, self: Command) => {
      ctx.exitCode = await connectCommand(flags, ctx, useColor(ctx, self));
    });
  examples(cmd, [
    'ocppctl connect --config component_config',
    'ocppctl connect --config component_config --all-slots --json',
    'CSMS_PW=... ocppctl connect --url wss://csms.example.com/ocpp --password-env CSMS_PW --ca csms-root.pem',
    'ocppctl connect --slot 2 --cert station.pem --key station-key.pem --ca csms-root.pem --stay 60',
    'ocppctl connect --url ws://127.0.0.1:9000/ --ocpp 1.6 --stay 60',
  ]);
}

const seconds = (flag: string, v: string, min: number) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new OcppctlError('USAGE', `${flag} needs a number of seconds ≥ ${min}, got "${v}"`);
  return n;
};

async function connectCommand(flags: ConnectFlags, ctx: CliContext, color: boolean): Promise<number> {
  const { io } = ctx;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: color ? 1 : 0 });
  if (flags.slot !== undefined && flags.allSlots) throw new OcppctlError('USAGE', '--slot and --all-slots exclude each other');
  if (Boolean(flags.cert) !== Boolean(flags.key)) throw new OcppctlError('USAGE', '--cert and --key go together');
  const slot = flags.slot === undefined ? undefined : Number(flags.slot);
  if (slot !== undefined && !Number.isInteger(slot)) throw new OcppctlError('USAGE', `--slot needs a slot number, got "${flags.slot}"`);
  const timeoutMs = seconds('--timeout', flags.timeout, 1) * 1000;
  const stayMs = seconds('--stay', flags.stay, 0) * 1000;
  const maxFrameBytes = Number(flags.maxFrame);
  if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 1)
    throw new OcppctlError('USAGE', `--max-frame needs a whole number of bytes ≥ 1, got "${flags.maxFrame}"`);
  const password = readPasswordEnv(flags.passwordEnv, io.env);
  const { checkUrlFlag, hintForFlags } = await import('../connect-flags.js');
  checkUrlFlag(flags.url);
  const hint = (h: string) => hintForFlags(h, flags);
  const { readPemOption } = await import('../pem-option.js');
  const read = (flag: string, file: string) => readPemOption(io, flag, file);
  const tls = {
    ...(flags.ca ? { ca: [read('--ca', flags.ca)] } : {}),
    ...(flags.cert ? { cert: read('--cert', flags.cert) } : {}),
    ...(flags.key ? { key: read('--key', flags.key) } : {}),
  };

  const { loadConfigTree } = await import('../../model/index.js');
  const { connectSlot } = await import('../../protocol/index.js');
  const { frameBody, printable, safeJson } = await import('../../protocol/log-text.js');
  const { chooseSlots, endpointFor } = await import('../../protocol/slot-endpoint.js');
  type ConnectResult = import('../../protocol/index.js').ConnectResult;
  const tree = loadConfigTree(flags.config, { cwd: io.cwd });
  const chosen = chooseSlots(tree, slot !== undefined ? { slot } : flags.allSlots ? { all: true } : { first: true });
  if ('error' in chosen) throw new OcppctlError('INPUT', chosen.error);

  // details carry text from the CSMS (descriptions, certificate names, HTTP reasons): each piece is escaped
  // Frames are redacted where they are logged (OcppConnection); this second, textual layer masks the tree's own
  // secrets and the --password-env password wherever else a CSMS might echo them (descriptions, DataTransfer).
  const { SecretRedactor, secretsOfJsonText } = await import('../../diagnostics/redact.js');
  const secrets = new Set<string>(password ? [password] : []);
  for (const f of tree.files) secretsOfJsonText(f.text, secrets);
  const redactor = new SecretRedactor(secrets);
  const say = (line: string) => {
    if (!flags.json) io.stdout.write(redactor.text(line) + '\n');
  };
  const results: ConnectResult[] = [];
  for (const n of chosen) {
    const choice = endpointFor(tree, n, {
      ...(flags.url ? { url: flags.url } : {}),
      ...(flags.identity ? { identity: flags.identity } : {}),
      ...(password ? { password } : {}),
    });
    say(
      c.bold(
        `slot ${n}${choice.fromBlob ? ' (profile from the legacy InternalCtrlr.NetworkConnectionProfiles blob, which libocpp migrates at first start)' : ''}`,
      ),
    );
    if (!choice.endpoint) {
      const p = choice.problem!;
      say(`  ${c.red('✗')} ${'slot'.padEnd(9)} ${printable(p.message)}\n    ${c.dim('hint:')} ${printable(p.hint)}`);
      results.push({ slot: n, ok: false, checks: [], failure: { class: 'config', step: 'slot', message: p.message, hint: p.hint } });
      continue;
    }
    const result = await connectSlot({
      tree,
      endpoint: choice.endpoint,
      tls,
      ...(flags.ocpp ? { ocpp: flags.ocpp } : {}),
      timeoutMs,
      stayMs,
      maxFrameBytes,
      onCheck: (k) => {
        const mark = k.ok ? c.green('✓') : c.red('✗');
        const ms = k.ms !== undefined ? c.dim(` (${k.ms} ms)`) : '';
        say(`  ${mark} ${k.step.padEnd(9)} ${printable(k.detail)}${ms}`);
        if (k.hint) say(`    ${c.dim('hint:')} ${printable(hint(k.hint))}`);
      },
      ...(flags.verbose
        ? {
            onMessage: (m) => {
              const f = m.frame;
              const name = 'action' in f ? f.action : (m.action ?? '');
              say(
                c.dim(
                  `      ${m.direction === 'out' ? '→' : '←'} [${f.type}] ${printable(name.slice(0, 256))} ${printable(frameBody(m))}${m.problem ? ` [${printable(m.problem.slice(0, 1024))}]` : ''}`,
                ),
              );
            },
          }
        : {}),
    });
    if (result.failure) result.failure.hint = hint(result.failure.hint);
    results.push(result);
    say(
      result.ok
        ? c.green(`  connected: boot ${result.boot?.status}, heartbeat ${result.heartbeatMs} ms`)
        : c.red(`  failed: ${result.failure?.class}`),
    );
  }
  if (flags.json) io.stdout.write(redactor.text(safeJson(JSON.stringify({ ok: results.every((r) => r.ok), results }, null, 2))) + '\n');
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.findings;
}
