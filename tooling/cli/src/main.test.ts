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

  it('names an unknown command and lists the commands, exiting non-zero', async () => {
    const result = await runCli(['lsit']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('patchbay: unknown command "lsit"');
    expect(result.stderr).toContain('patchbay --version');
  });

  it('runs inside the repository as `pnpm exec patchbay`, from the built binary', async () => {
    const repository = fileURLToPath(new URL('../../..', import.meta.url));
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const { stdout } = await promisify(execFile)('pnpm', ['exec', 'patchbay', '--version'], { cwd: repository });
    expect(stdout).toBe(`${version}\n`);
  });
});
