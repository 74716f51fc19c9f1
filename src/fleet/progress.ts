/** One line of a progress bar, to be drawn over itself with a carriage return. */
export function progressLine(done: number, total: number, columns = 80): string {
  const label = ` ${done}/${total} stations`;
  const width = Math.max(10, Math.min(40, columns - label.length - 3));
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${label}`;
}
