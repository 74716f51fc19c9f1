export type ErrorCode =
  | 'CONFIG_DIR_MISSING'
  | 'CONFIG_UNREADABLE'
  | 'USAGE'
  | 'INPUT'
  | 'DB_VERSION_UNSUPPORTED'
  | 'DB_ERROR'
  | 'REFUSED'
  | 'CONNECT_FAILED'
  | 'INTERRUPTED';

// Findings are return values; an OcppctlError means the command could not do its job at all.
export class OcppctlError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    opts?: ErrorOptions,
  ) {
    super(message, opts);
    this.name = 'OcppctlError';
  }
}

export const isOcppctlError = (err: unknown): err is OcppctlError => err instanceof OcppctlError;
