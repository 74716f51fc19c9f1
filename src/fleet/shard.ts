import { OcppctlError } from '../errors.js';

export interface Shard {
  /** 1-based, as in a CI matrix. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new OcppctlError('USAGE', `--shard needs I/N with 1 ≤ I ≤ N (for example 2/4), got "${text}"`);
  }
  return { index, count };
}

/**
 * The part of a sorted list that shard I of N checks: contiguous slices whose sizes differ by at most one,
 * so that the N jobs of a matrix together check every item exactly once.
 */
export function selectShard<T>(items: readonly T[], shard: Shard): T[] {
  const from = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const to = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(from, to);
}
