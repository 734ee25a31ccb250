/** Text decorations that turn into plain text when the output is not a terminal. */
export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const codes = { bold: [1, 22], dim: [2, 22], green: [32, 39], red: [31, 39], yellow: [33, 39], cyan: [36, 39] } as const;

/**
 * Colors only for a terminal: CI logs and files get plain text. `NO_COLOR` turns colors off and
 * `FORCE_COLOR` (other than `0`) turns them on, as most command-line tools agree.
 */
export function terminalStyle(stream: { isTTY?: boolean }, environment: NodeJS.ProcessEnv = process.env): TerminalStyle {
  const forced = environment.FORCE_COLOR !== undefined && environment.FORCE_COLOR !== '0';
  const enabled = forced || (stream.isTTY === true && environment.NO_COLOR === undefined && environment.TERM !== 'dumb');
  const paint = (name: keyof typeof codes) => (text: string) =>
    enabled ? `\u001B[${codes[name][0]}m${text}\u001B[${codes[name][1]}m` : text;
  return {
    bold: paint('bold'),
    dim: paint('dim'),
    green: paint('green'),
    red: paint('red'),
    yellow: paint('yellow'),
    cyan: paint('cyan'),
  };
}
