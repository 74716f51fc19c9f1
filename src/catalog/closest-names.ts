/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), case-insensitive. With `max`, stops as
 * soon as the distance must exceed it and returns max + 1: callers only want near names, and a full table for
 * a 100,000-character name against every catalog name took seconds.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  let prevMin = 0;
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    // a cell derives from the two rows above: once both exceed max, every later row does too
    if (rowMin > max && prevMin > max) return max + 1;
    prev2 = prev;
    prev = row;
    prevMin = rowMin;
  }
  return Math.min(prev[t.length], max + 1);
}

/** Longer names are never suggested for: OCPP names have at most 50 characters. */
const MAX_NAME = 128;

/**
 * The candidates nearest to `name`, best first: a name differing only in case, or within a few edits
 * (about one per four characters, at least one, at most three).
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  if (name.length > MAX_NAME) return [];
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 4)));
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name, c, limit);
    if (d <= limit) scored.push({ c, d });
  }
  return scored
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
    .slice(0, max)
    .map((s) => s.c);
}
