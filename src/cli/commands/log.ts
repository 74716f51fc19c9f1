import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples, useColor } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';
import type { LogVersion } from '../../log/index.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const ocppOption = () =>
  new Option('--ocpp <version>', 'OCPP version of the logs (default: inferred from the payloads)').choices(['1.6', '2.0.1', '2.1']);

function time(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new OcppctlError('USAGE', `${flag} needs a time such as 2026-03-01T10:00:00Z, got "${v}"`);
  return t;
}

/** A progress bar on stderr while a big log is read on a terminal; cleared when done. */
function progress(ctx: CliContext) {
  if (!ctx.io.stdoutIsTTY) return { onProgress: undefined, done() {} };
  let last = 0;
  let shown = false;
  return {
    onProgress: (done: number, total: number) => {
      const now = Date.now();
      if (total < 8 * 1024 * 1024 || now - last < 100) return;
      last = now;
      shown = true;
      const width = 30;
      const filled = Math.round((done / total) * width);
      ctx.io.stderr.write(
        `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(done / 1048576)}/${Math.round(total / 1048576)} MB`,
      );
    },
    done() {
      if (shown) ctx.io.stderr.write('\r\x1b[K');
    },
  };
}

export default function register(program: Command, ctx: CliContext) {
  const log = program
    .command('log')
    .description("read libocpp's OCPP message logs (.log, _raw.log, .html, .security.log; rotated; folders)");

  const show = log
    .command('show')
    .description('one record per frame, answers paired with their CALL (action, latency)')
    .argument('<paths...>', 'log files or MessageLogPath folders')
    .option('--action <name>', 'only frames of this action (CALLs and their answers); repeatable', collect)
    .option('--errors', 'only CALLERRORs')
    .option('--transaction <id>', 'follow one transaction (1.6 transactionId, 2.x transactionInfo.transactionId)')
    .option('--evse <n>', 'only frames about this EVSE (1.6: connector)')
    .option('--since <time>', 'only frames at or after this time (RFC 3339)')
    .option('--until <time>', 'only frames at or before this time (RFC 3339)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'jsonl']).default('stylish'))
    .option('-v, --verbose', 'whole payloads in stylish output')
    .addOption(ocppOption())
    .action(async (paths: string[], flags: ShowFlags, self: Command) => {
      ctx.exitCode = await showCommand(paths, flags, ctx, useColor(ctx, self));
    });
  examples(show, [
    'ocppctl log show /tmp/everest_ocpp_logs',
    'ocppctl log show libocpp_201.log --action BootNotification --format json',
    'ocppctl log show session.html --transaction 3f2a --verbose',
  ]);

  const check = log
    .command('check')
    .description('check every frame against the OCPP schemas and the OCPP-J rules; report as validate does')
    .argument('<paths...>', 'log files or MessageLogPath folders')
    .addOption(ocppOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
    .option('--message-timeout <s>', "the station's MessageTimeout: slower answers are reported", '30')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .action(async (paths: string[], flags: CheckFlags, self: Command) => {
      ctx.exitCode = await checkCommand(paths, flags, ctx, useColor(ctx, self));
    });
  examples(check, ['ocppctl log check /tmp/everest_ocpp_logs', 'ocppctl log check libocpp_16.log --ocpp 1.6 --format github']);

  const summary = log
    .command('summary')
    .description('per session: times, boot, messages per action with latencies, transactions, errors, security events')
    .argument('<paths...>', 'log files or MessageLogPath folders')
    .addOption(ocppOption())
    .option('--json', 'machine-readable output')
    .action(async (paths: string[], flags: { ocpp?: LogVersion; json?: boolean }) => {
      const { summarizeLogs, formatSummary } = await import('../../log/index.js');
      const bar = progress(ctx);
      const sessions = await summarizeLogs(paths, {
        cwd: ctx.io.cwd,
        ...(flags.ocpp ? { ocpp: flags.ocpp } : {}),
        ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
      });
      bar.done();
      ctx.io.stdout.write((flags.json ? JSON.stringify(sessions, null, 2) : formatSummary(sessions)) + '\n');
      ctx.exitCode = EXIT.ok;
    });
  examples(summary, ['ocppctl log summary /tmp/everest_ocpp_logs', 'ocppctl log summary libocpp_201.log --json']);
}

interface ShowFlags {
  action?: string[];
  errors?: boolean;
  transaction?: string;
  evse?: string;
  since?: string;
  until?: string;
  format: 'stylish' | 'json' | 'jsonl';
  verbose?: boolean;
  ocpp?: LogVersion;
}

async function showCommand(paths: string[], flags: ShowFlags, ctx: CliContext, color: boolean): Promise<number> {
  const evse = flags.evse === undefined ? undefined : Number(flags.evse);
  if (evse !== undefined && !Number.isInteger(evse)) throw new OcppctlError('USAGE', `--evse needs a whole number, got "${flags.evse}"`);
  const since = time('--since', flags.since);
  const until = time('--until', flags.until);
  const { readLogs, RecordFilter, redactRecord, stylishLine } = await import('../../log/index.js');
  const filter = new RecordFilter({
    ...(flags.action ? { action: flags.action } : {}),
    ...(flags.errors ? { errors: true } : {}),
    ...(flags.transaction !== undefined ? { transaction: flags.transaction } : {}),
    ...(evse !== undefined ? { evse } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
  });
  const out = ctx.io.stdout;
  // records stream out as they are read: a 100 MB log is never held whole, in any format
  let buffer = '';
  const write = (s: string) => {
    buffer += s;
    if (buffer.length > 65536) {
      out.write(buffer);
      buffer = '';
    }
  };
  let count = 0;
  let defects = 0;
  if (flags.format === 'json') write('[');
  const read = await readLogs(paths, { cwd: ctx.io.cwd, ...(flags.ocpp ? { ocpp: flags.ocpp } : {}) }, (item) => {
    if (item.kind === 'defect') defects++;
    if (item.kind !== 'frame') return;
    for (const r of filter.accept(item.record)) {
      const shown = redactRecord(r);
      if (flags.format === 'stylish') write(stylishLine(shown, { color, verbose: Boolean(flags.verbose) }) + '\n');
      else if (flags.format === 'jsonl') write(JSON.stringify(shown) + '\n');
      else write(`${count ? ',' : ''}\n  ${JSON.stringify(shown)}`);
      count++;
    }
  });
  if (flags.format === 'json') write(count ? '\n]\n' : ']\n');
  out.write(buffer);
  if (flags.format === 'stylish') {
    const versions = [...new Set(read.sessions.map((s) => `OCPP ${s.version} (${s.versionSource})`))].join('; ');
    ctx.io.stderr.write(`${count} frames from ${read.files.length} file${read.files.length === 1 ? '' : 's'}; ${versions}\n`);
  }
  if (defects) ctx.io.stderr.write(`${defects} damaged part${defects === 1 ? '' : 's'} skipped; ocppctl log check locates them\n`);
  return EXIT.ok;
}

interface CheckFlags {
  ocpp?: LogVersion;
  format: 'stylish' | 'json' | 'sarif' | 'github';
  messageTimeout: string;
  maxWarnings?: string;
}

async function checkCommand(paths: string[], flags: CheckFlags, ctx: CliContext, color: boolean): Promise<number> {
  const timeout = Number(flags.messageTimeout);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new OcppctlError('USAGE', `--message-timeout needs a number of seconds > 0, got "${flags.messageTimeout}"`);
  const maxWarnings = flags.maxWarnings === undefined ? undefined : Number(flags.maxWarnings);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0))
    throw new OcppctlError('USAGE', `--max-warnings needs a whole number ≥ 0, got "${flags.maxWarnings}"`);
  const { checkLogs, LOG_RULES } = await import('../../log/index.js');
  const { formatters } = await import('../../diagnostics/index.js');
  const bar = progress(ctx);
  const report = await checkLogs(paths, {
    cwd: ctx.io.cwd,
    messageTimeout: timeout,
    ...(flags.ocpp ? { ocpp: flags.ocpp } : {}),
    ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
  });
  bar.done();
  let output = formatters[flags.format](report, { color, toolVersion: ctx.version, rules: LOG_RULES });
  // a session with only a security log has no frames whose version could matter
  const framed = new Set(report.read.files.filter((f) => f.format !== 'security').map((f) => f.session));
  const versions = report.read.sessions.filter((s) => framed.has(s.name)).map((s) => `${s.name}: OCPP ${s.version} (${s.versionSource})`);
  if (flags.format === 'stylish' && versions.length) output += '\n' + versions.join('\n');
  if (output) ctx.io.stdout.write(output + '\n');
  const { errors, warnings } = report.summary;
  if (errors > 0) return EXIT.findings;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    ctx.io.stderr.write(`ocppctl: ${warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
