/** The spread of one figure over the repeats of a run. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('No values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/** `median (min–max)` with a unit, the one way every figure is written in the report. */
export function formatSpread(value: Spread, digits: number, unit = ''): string {
  const format = (number: number) => number.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${format(value.median)}${unit} (${format(value.min)}–${format(value.max)})`;
}

/** Pairs the i-th repeat of two series, so a noisy moment of the machine affects both sides of a ratio. */
export function pairwise(a: readonly number[], b: readonly number[], combine: (x: number, y: number) => number): number[] {
  return a.map((value, index) => combine(value, b[index]!));
}
