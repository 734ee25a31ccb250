import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { pendingBumps } from '../diff/pending-changesets.js';
import { bumpVersion, releaseLevel } from '../diff/release-level.js';

const operation = (required: string[]) => ({
  kind: 'action',
  displayName: 'Say',
  inputSchema: { type: 'object', required, additionalProperties: false, properties: { text: { type: 'string' }, loud: { type: 'boolean' } } },
});
const catalog = (operations: Record<string, unknown>) => ({ catalogVersion: 1, specificationVersion: 'patchbay.connector/v1', id: 'echo', displayName: 'Echo', version: '1.0.0', auth: { strategy: 'none' }, operations });

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'patchbay-diff-'));
  await mkdir(path.join(directory, 'connector', 'dist'), { recursive: true });
  await writeFile(path.join(directory, 'connector', 'package.json'), JSON.stringify({ name: '@patchbay/connector-echo', version: '1.0.0', patchbay: { connector: 'echo', catalog: './dist/catalog.json' } }));
  await writeFile(path.join(directory, 'connector', 'dist', 'catalog.json'), JSON.stringify(catalog({ 'echo.say': operation(['text', 'loud']) })));
  await writeFile(path.join(directory, 'published.json'), JSON.stringify(catalog({ 'echo.say': operation(['text']), 'echo.ping': operation([]) })));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: directory,
    stdout: { write: (text: string) => ((stdout += text), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WritableStream,
  });
  return { code, stdout, stderr };
}

describe('patchbay diff', () => {
  it('prints each change with the release it needs, against a catalog file', async () => {
    const { code, stdout } = await run(['diff', 'connector', '--against', 'published.json']);
    expect(code).toBe(0);
    expect(stdout).toContain('@patchbay/connector-echo 1.0.0 against published.json: 2 changes');
    expect(stdout).toContain('major  echo.ping: operation removed  (/operations/echo.ping)');
    expect(stdout).toContain('major  echo.say: new required input "loud"  (/operations/echo.say/inputSchema/required)');
    expect(stdout).toContain('Needs a major release.');
  });

  it('prints the same as JSON', async () => {
    const { stdout } = await run(['diff', 'connector', '--against', 'published.json', '--json']);
    const result = JSON.parse(stdout) as { required: string; changes: { level: string; operation: string }[] };
    expect(result.required).toBe('major');
    expect(result.changes.map((change) => `${change.level} ${change.operation}`)).toEqual(['major echo.ping', 'major echo.say']);
  });

  it('says when the catalog was never built', async () => {
    await rm(path.join(directory, 'connector', 'dist'), { recursive: true });
    const { code, stderr } = await run(['diff', 'connector', '--against', 'published.json']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/catalog\.json does not exist: build the connector first/);
  });
});

describe('release levels', () => {
  it('reads a version step the way a caret range does', () => {
    expect(releaseLevel('1.0.0', '2.0.0')).toBe('major');
    expect(releaseLevel('1.0.0', '1.1.0')).toBe('minor');
    expect(releaseLevel('1.0.0', '1.0.1')).toBe('patch');
    expect(releaseLevel('0.1.0', '0.2.0')).toBe('major');
    expect(releaseLevel('0.1.0', '0.1.1')).toBe('minor');
    expect(releaseLevel('1.2.3', '1.2.3')).toBe('none');
    expect(bumpVersion('1.4.2', 'minor')).toBe('1.5.0');
  });

  it('takes the largest pending changeset bump per package', async () => {
    await mkdir(path.join(directory, '.changeset'));
    await writeFile(path.join(directory, '.changeset', 'a.md'), '---\n"@patchbay/connector-echo": minor\n"@patchbay/runtime": patch\n---\n\nA.\n');
    await writeFile(path.join(directory, '.changeset', 'b.md'), "---\n'@patchbay/connector-echo': major\n---\n\nB.\n");
    await writeFile(path.join(directory, '.changeset', 'README.md'), '# Changesets\n');
    expect(await pendingBumps(directory)).toEqual(new Map([['@patchbay/connector-echo', 'major'], ['@patchbay/runtime', 'patch']]));
  });
});
