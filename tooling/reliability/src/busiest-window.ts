/** The most timestamps any window of `intervalMs` (sliding, so also any fixed one) contains. */
export function busiestWindow(timestamps: readonly number[], intervalMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= intervalMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
