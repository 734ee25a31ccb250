import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

/** Every command also takes these; `main` answers them before the command parses its flags. */
const COMMON_FLAGS = ['--help'];

/**
 * `node:util` parseArgs, strict, with its errors turned into usage errors a user can act on: the
 * flag named, the command's valid flags listed, exit code 2 — never Node's own parser text.
 */
export function parseFlags<const T extends Options>(command: string, args: string[], options: T, allowPositionals = true): Parsed<T> {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(describeParseError(command, error as NodeJS.ErrnoException, options));
  }
  const [unexpected] = parsed.positionals;
  if (!allowPositionals && unexpected !== undefined) {
    throw usageError(`unexpected argument ${JSON.stringify(unexpected)}: patchbay ${command} takes only flags; valid flags for patchbay ${command}: ${flagList(options)}`);
  }
  return parsed;
}

/** `--input <value>`, `--json`, `-y, --yes`: the flags a command takes, as its help spells them. */
export function flagList(options: Options): string {
  return [
    ...Object.entries(options).map(([name, option]) => `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ' <value>' : ''}`),
    ...COMMON_FLAGS,
  ].join(', ');
}

function describeParseError(command: string, error: NodeJS.ErrnoException, options: Options): string {
  const valid = `valid flags for patchbay ${command}: ${flagList(options)}`;
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = quoted ?? 'flag';
      const near = closest(flag.replace(/^-+/, '').split('=')[0]!, Object.keys(options));
      return `unknown flag ${flag}${near ? ` (did you mean --${near}?)` : ''}; ${valid}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([\w-]+)/.exec(error.message)?.[1];
      const option = name === undefined ? undefined : options[name];
      if (option?.type === 'boolean') return `--${name} takes no value; ${valid}`;
      return `${name ? `--${name}` : 'a flag'} needs a value; ${valid}`;
    }
    default:
      return `${error.message}; ${valid}`;
  }
}

/** The valid flag a mistyped one most likely meant: a small edit distance, or a prefix. */
function closest(typed: string, names: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = name.startsWith(typed) && typed.length >= 2 ? 1 : editDistance(typed, name);
    if (distance <= Math.max(1, Math.floor(name.length / 4)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Edits between two names, a swap of neighbours counting as one (`--jsno` is one from `--json`). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
