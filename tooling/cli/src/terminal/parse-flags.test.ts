import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { flagList, parseFlags } from './parse-flags.js';

const OPTIONS = { input: { type: 'string' }, json: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } } as const;

function usageMessage(args: string[], allowPositionals = true): string {
  try {
    parseFlags('run', args, OPTIONS, allowPositionals);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'USAGE', exitCode: 2 });
    return (error as Error).message;
  }
  throw new Error(`expected ${args.join(' ')} to be refused`);
}

describe('parseFlags', () => {
  it('parses what node:util parseArgs does', () => {
    expect(parseFlags('run', ['a', '--input', '{}', '-y', '--json'], OPTIONS)).toMatchObject({ values: { input: '{}', yes: true, json: true }, positionals: ['a'] });
  });

  it('names an unknown flag, suggests the near one, and lists the valid flags', () => {
    const valid = 'valid flags for patchbay run: --input <value>, --json, -y, --yes, --help';
    expect(usageMessage(['--bogus'])).toBe(`unknown flag --bogus; ${valid}`);
    expect(usageMessage(['--jsno'])).toBe(`unknown flag --jsno (did you mean --json?); ${valid}`);
    expect(usageMessage(['--inp=1'])).toMatch(/^unknown flag --inp(=1)? \(did you mean --input\?\)/);
    expect(usageMessage(['-x'])).toBe(`unknown flag -x; ${valid}`);
  });

  it('says which flag lacks a value or takes none', () => {
    expect(usageMessage(['--input'])).toMatch(/^--input needs a value; valid flags/);
    expect(usageMessage(['--json=yes'])).toMatch(/^--json takes no value; valid flags/);
  });

  it('refuses an argument where the command takes only flags', () => {
    expect(usageMessage(['extra'], false)).toMatch(/^unexpected argument "extra": patchbay run takes only flags; valid flags/);
  });

  it('lists flags the way help spells them', () => {
    expect(flagList({ dir: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } })).toBe('--dir <value>, -q, --quiet, --help');
  });
});
