// ocpp-rpc (another library's OCPP-J client and server), typed for the interop tests: its own typings declare every
// option as required; these are the parts the tests use.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rpc from 'ocpp-rpc';

export interface RpcPeer {
  connect(): Promise<unknown>;
  call(method: string, params: unknown): Promise<Record<string, unknown>>;
  handle(handler: (call: { method: string; params: Record<string, unknown> }) => unknown): void;
  close(opts?: unknown): Promise<unknown>;
}

export const RPCClient = rpc.RPCClient as unknown as new (o: Record<string, unknown>) => RpcPeer;

export const RPCServer = rpc.RPCServer as unknown as new (o: Record<string, unknown>) => {
  on(event: 'client', cb: (client: RpcPeer) => void): void;
  listen(port: number, host: string): Promise<import('node:http').Server>;
  close(opts?: unknown): Promise<unknown>;
};

/** A P-256 key and a CSR for it made with openssl in `dir` (`<name>.key`, `<name>.csr`); returns the CSR's PEM. */
export function opensslCsr(dir: string, name: string, subject: string): string {
  execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      join(dir, `${name}.csr`),
      '-subj',
      subject,
    ],
    { stdio: 'ignore' },
  );
  return readFileSync(join(dir, `${name}.csr`), 'utf8');
}
