import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: '', stderr: '' };
  stdout.on('data', (chunk: Buffer) => (chunks.stdout += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (chunks.stderr += chunk.toString()));
  const code = await main(argv, { stdout, stderr });
  return { code, ...chunks };
}

describe('patchbay', () => {
  it('prints its own version for --version and -v', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints its version as JSON with --json', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await runCli(['--version', '--json'])).toEqual({ code: 0, stdout: `${JSON.stringify({ version }, null, 2)}\n`, stderr: '' });
  });

  it('names an unknown command and lists the commands, exiting 2', async () => {
    const result = await runCli(['lsit']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('patchbay: unknown command "lsit"; commands: new, update, catalog');
    expect(result.stderr).toContain('patchbay --version');
    expect(await runCli([])).toMatchObject({ code: 2, stdout: expect.stringContaining('Usage: patchbay <command>') });
  });

  it('reports what a command throws as one line, or as { error } on stdout with --json', async () => {
    expect(await runCli(['validate', '--jsn'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'patchbay validate: unknown flag --jsn (did you mean --json?); valid flags for patchbay validate: --json, --help\n',
    });
    const failed = await runCli(['list', 'extra', '--json']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe('');
    expect(JSON.parse(failed.stdout)).toEqual({
      error: { code: 'USAGE', message: 'unexpected argument "extra": patchbay list takes only flags; valid flags for patchbay list: --json, --help' },
    });
  });

  it('runs inside the repository as `pnpm exec patchbay`, from the built binary', async () => {
    const repository = fileURLToPath(new URL('../../..', import.meta.url));
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const { stdout } = await promisify(execFile)('pnpm', ['exec', 'patchbay', '--version'], { cwd: repository });
    expect(stdout).toBe(`${version}\n`);
  });
});
