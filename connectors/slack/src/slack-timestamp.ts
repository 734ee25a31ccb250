/**
 * Orders Slack message timestamps (`1712345678.000200`). They are ids, not floats: a double
 * cannot hold all sixteen digits, so they are compared as whole seconds, then microseconds.
 */
export function compareSlackTs(left: string, right: string): number {
  const [leftSeconds = '0', leftMicros = '0'] = left.split('.');
  const [rightSeconds = '0', rightMicros = '0'] = right.split('.');
  const seconds = Number(leftSeconds) - Number(rightSeconds);
  return seconds !== 0 ? Math.sign(seconds) : Math.sign(Number(leftMicros.padEnd(6, '0')) - Number(rightMicros.padEnd(6, '0')));
}
