import { appendFileSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { readPasswordEnv } from '../inputs.js';
import { OcppctlError } from '../../errors.js';

interface CsmsFlags {
  host: string;
  port: string;
  securityProfile: string;
  tlsCert?: string;
  tlsKey?: string;
  clientCa?: string;
  passwordEnv?: string;
  boot: 'accepted' | 'pending' | 'rejected';
  heartbeatInterval: string;
  pendingInterval: string;
  probe?: 'get-base-report' | 'get-variables' | 'install-v2g-root';
  log?: string;
  logFormat: 'jsonl' | 'libocpp';
  selfSigned?: string;
  caCert?: string;
  caKey?: string;
  force?: boolean;
  ocpp: string;
  maxFrame: string;
  evCertificateResponse?: string;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('csms')
    .description('run a small test CSMS that accepts stations, answers their messages and logs them')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '9000')
    .addOption(
      new Option('--security-profile <n>', 'OCPP security profile: 0 ws, 1 ws + basic auth, 2 wss + basic auth, 3 wss + client certificate')
        .choices(['0', '1', '2', '3'])
        .default('0'),
    )
    .option('--tls-cert <file>', 'server certificate chain (PEM), profiles 2 and 3')
    .option('--tls-key <file>', 'server private key (PEM)')
    .option('--client-ca <file>', 'CA that signs station certificates (PEM), profile 3')
    .option(
      '--password-env <VAR>',
      'environment variable holding the basic-auth password stations must send (profiles 1, 2); without it any password is accepted',
    )
    .addOption(
      new Option('--boot <answer>', 'answer to BootNotification; pending answers Pending once, then Accepted')
        .choices(['accepted', 'pending', 'rejected'])
        .default('accepted'),
    )
    .option('--heartbeat-interval <s>', 'interval returned with an Accepted boot', '300')
    .option('--pending-interval <s>', 'interval returned with a Pending boot', '2')
    .addOption(
      new Option('--probe <request>', 'ask each booted station for data').choices(['get-base-report', 'get-variables', 'install-v2g-root']),
    )
    .option('--log <file>', 'also append every event as a JSON line to this file')
    .addOption(
      new Option('--log-format <format>', "--log as JSON lines, or as libocpp's .log text (ocppctl log show reads it)")
        .choices(['jsonl', 'libocpp'])
        .default('jsonl'),
    )
    .option(
      '--self-signed <dir>',
      'serve with a test CA, server and client certificate kept in <dir>: reused when valid, made when missing or expired',
    )
    .option(
      '--ca-cert <file>',
      "CA certificate (PEM) that signs stations' CSRs (SignCertificate → CertificateSigned); --self-signed uses its own CA",
    )
    .option('--ca-key <file>', 'private key of --ca-cert (PEM); read, never printed')
    .option('--force', 'with --self-signed: make a new CA and new certificates even where valid ones exist')
    .option('--ocpp <versions>', 'OCPP versions to accept (2.1, 2.0.1, 1.6), most preferred first', '2.1,2.0.1,1.6')
    .option(
      '--max-frame <bytes>',
      'largest WebSocket message a station may send; a bigger one closes that connection with 1009',
      String(1024 * 1024),
    )
    .option(
      '--ev-certificate-response <file>',
      'answer Get15118EVCertificate Accepted with the base64 EXI CertificateInstallationRes in <file> (default: Failed, no contract PKI)',
    )
    .action(async (flags: CsmsFlags) => {
      ctx.exitCode = await csmsCommand(flags, ctx);
    });
  examples(cmd, [
    'ocppctl csms',
    'BASIC_AUTH=DEADBEEFDEADBEEF ocppctl csms --security-profile 1 --password-env BASIC_AUTH',
    'ocppctl csms --security-profile 3 --self-signed ./test-pki --port 8443',
    'ocppctl csms --boot pending --probe get-base-report --log csms.jsonl',
    'ocppctl csms --ocpp 1.6 --log csms.log --log-format libocpp',
  ]);
}

const whole = (flag: string, v: string, min = 0) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new OcppctlError('USAGE', `${flag} needs a whole number ≥ ${min}, got "${v}"`);
  return n;
};

async function csmsCommand(flags: CsmsFlags, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const { startCsms, formatEvent, eventToJson, ensurePkiDir, PKI_DIR_FILES } = await import('../../csms/index.js');
  const sp = Number(flags.securityProfile) as 0 | 1 | 2 | 3;
  const port = whole('--port', flags.port);
  const heartbeatInterval = whole('--heartbeat-interval', flags.heartbeatInterval, 1);
  const pendingInterval = whole('--pending-interval', flags.pendingInterval, 1);
  const maxFrameBytes = whole('--max-frame', flags.maxFrame, 1);
  const versions = flags.ocpp.split(',').map((v) => v.trim());
  for (const v of versions)
    if (v !== '2.0.1' && v !== '2.1' && v !== '1.6')
      throw new OcppctlError('USAGE', `--ocpp takes a comma-separated list of 2.1, 2.0.1 and 1.6, got "${v}"`);

  const password = readPasswordEnv(flags.passwordEnv, io.env);
  const { readPemOption } = await import('../pem-option.js');
  const read = (flag: string, file: string) => readPemOption(io, flag, file);
  let tlsCert = flags.tlsCert && read('--tls-cert', flags.tlsCert);
  let tlsKey = flags.tlsKey && read('--tls-key', flags.tlsKey);
  let clientCa = flags.clientCa && read('--client-ca', flags.clientCa);
  if (flags.force && !flags.selfSigned)
    throw new OcppctlError('USAGE', '--force re-makes the certificates of --self-signed DIR; give --self-signed too');
  let signingCa: { cert: string; key: string } | undefined;
  if (flags.selfSigned) {
    const { isAlive } = await import('../write-plan.js');
    const { pki, caFingerprint, reused, made } = await ensurePkiDir(resolve(io.cwd, flags.selfSigned), {
      force: flags.force === true,
      host: flags.host,
      // another csms making this folder's files: wait for it (EC keys take well under a second each), then reuse them
      lock: { pid: process.pid, command: 'csms --self-signed', isAlive, waitMs: 30_000 },
    });
    signingCa = pki.ca;
    tlsCert ??= pki.server.cert + pki.ca.cert;
    tlsKey ??= pki.server.key;
    clientCa ??= pki.ca.cert;
    // what a station set up earlier needs to know: is its CA still the one served? (keys are never printed)
    io.stdout.write(`test CA in ${flags.selfSigned}: SHA-256 ${caFingerprint}\n`);
    if (reused.length) io.stdout.write(`  reused ${reused.join(', ')}\n`);
    for (const m of made) io.stdout.write(`  made ${m.what}: ${m.why}\n`);
  }
  if ((flags.caCert === undefined) !== (flags.caKey === undefined)) throw new OcppctlError('USAGE', '--ca-cert and --ca-key go together');
  if (flags.caCert !== undefined && flags.caKey !== undefined) {
    const cert = read('--ca-cert', flags.caCert);
    const key = read('--ca-key', flags.caKey);
    const { X509Certificate, createPublicKey } = await import('node:crypto');
    const x = new X509Certificate(cert);
    if (!x.ca) throw new OcppctlError('INPUT', `--ca-cert ${flags.caCert}: not a CA certificate (basicConstraints CA is not true)`);
    const spki = (k: Parameters<typeof createPublicKey>[0]) => createPublicKey(k).export({ type: 'spki', format: 'der' });
    if (!spki(key).equals(x.publicKey.export({ type: 'spki', format: 'der' })))
      throw new OcppctlError('INPUT', `--ca-key ${flags.caKey}: not the key of --ca-cert ${flags.caCert}`);
    const { algorithmsOf } = await import('../../csms/sign-csr.js');
    algorithmsOf(key);
    signingCa = { cert, key };
  }
  const evCertificateResponse =
    flags.evCertificateResponse !== undefined
      ? (await import('../../csms/ev-certificate.js')).readEvCertificateResponse(
          resolve(io.cwd, flags.evCertificateResponse),
          flags.evCertificateResponse,
          versions,
        )
      : undefined;
  if (flags.probe === 'install-v2g-root' && !signingCa)
    throw new OcppctlError(
      'USAGE',
      '--probe install-v2g-root installs the test CA as V2G root: give --self-signed DIR or --ca-cert/--ca-key',
    );
  if (sp >= 2 && (!tlsCert || !tlsKey))
    throw new OcppctlError('USAGE', `security profile ${sp} needs TLS: give --tls-cert and --tls-key, or --self-signed DIR`);
  if (sp === 3 && !clientCa)
    throw new OcppctlError('USAGE', 'security profile 3 checks client certificates: give --client-ca, or --self-signed DIR');
  if (sp < 2 && (flags.tlsCert || flags.clientCa))
    throw new OcppctlError('USAGE', `security profile ${sp} is plain ws://; TLS options need profile 2 or 3`);

  // frames are redacted structurally where they are logged; the stations' password is also masked as text
  const { SecretRedactor } = await import('../../diagnostics/redact.js');
  const redactor = new SecretRedactor(password ? [password] : []);
  // the log holds what stations send (device model values, maybe secrets a station leaks): owner only
  let logFd: number | undefined;
  if (flags.log) {
    try {
      logFd = openSync(resolve(io.cwd, flags.log), 'a', 0o600);
    } catch (err) {
      throw new OcppctlError('INPUT', `cannot open --log ${flags.log} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  // --log-format libocpp: the same .log text a libocpp station writes, from the CSMS's side
  const libocpp = flags.log && flags.logFormat === 'libocpp' ? new (await import('../../log/csms-log.js')).CsmsLibocppLog() : undefined;
  const logLine = (e: Parameters<typeof eventToJson>[0], at: Date) => (libocpp ? libocpp.line(e, at) : eventToJson(e, at) + '\n');
  if (logFd !== undefined && libocpp) appendFileSync(logFd, libocpp.start(new Date()));
  const csms = await startCsms({
    host: flags.host,
    port,
    securityProfile: sp,
    ...(tlsCert ? { tlsCert } : {}),
    ...(tlsKey ? { tlsKey } : {}),
    ...(clientCa ? { clientCa } : {}),
    ...(password !== undefined ? { password } : {}),
    versions: versions as ('1.6' | '2.0.1' | '2.1')[],
    boot: flags.boot,
    heartbeatInterval,
    pendingInterval,
    maxFrameBytes,
    ...(flags.probe ? { probe: flags.probe } : {}),
    ...(signingCa ? { signingCa } : {}),
    ...(evCertificateResponse !== undefined ? { evCertificateResponse } : {}),
    onEvent: (e) => {
      io.stdout.write(`${new Date().toISOString().slice(11, 23)} ${redactor.text(formatEvent(e))}\n`);
      if (logFd === undefined) return;
      try {
        // appended synchronously, line by line, so Ctrl-C never leaves half a record
        appendFileSync(logFd, redactor.text(logLine(e, new Date())));
      } catch (err) {
        // a full disk must not stop the CSMS for every station: say so once and serve on without the file
        io.stderr.write(
          `warning: cannot write --log ${flags.log} (${(err as NodeJS.ErrnoException).code ?? String(err)}); logging to the terminal only\n`,
        );
        logFd = undefined;
      }
    },
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code?.startsWith('ERR_OSSL'))
      throw new OcppctlError('INPUT', `the TLS certificate, key or client CA is not usable PEM (${err.code})`);
    throw new OcppctlError('USAGE', `cannot listen on ${flags.host}:${port} (${err.code ?? err.message})`);
  });
  const auth =
    sp === 0
      ? 'no authentication'
      : sp === 3
        ? 'client certificates signed by the given CA'
        : password
          ? `basic auth, password from ${flags.passwordEnv}`
          : 'basic auth, any password';
  io.stdout.write(`security profile ${sp} (${auth}), OCPP ${versions.join(', ')}, boot ${flags.boot}; press Ctrl-C to stop\n`);
  if (flags.selfSigned && sp >= 2) {
    const d = flags.selfSigned;
    io.stdout.write(
      `try: ocppctl connect --config component_config --url ${csms.url} --ca ${d}/${PKI_DIR_FILES.ca}` +
        (sp === 3 ? ` --cert ${d}/${PKI_DIR_FILES.clientCert} --key ${d}/${PKI_DIR_FILES.clientKey}` : '') +
        '\n',
    );
  }
  // runs until Ctrl-C; bin/ocppctl exits 130 on SIGINT
  await new Promise<never>(() => undefined);
  return 0;
}
