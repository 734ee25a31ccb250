import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConnectorCatalog } from '@patchbay/contract';

export interface PublishedCatalog {
  version: string;
  catalog: ConnectorCatalog;
}

export interface RegistryOptions {
  cwd: string;
  /** The environment npm runs in: its userconfig and scoped registries decide where it looks. */
  env: NodeJS.ProcessEnv;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: RegistryOptions): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * The version a spec (`1.2.0`, `latest`, a range) names on the registry npm is configured for, or
 * `undefined` when the package was never published there.
 */
export async function publishedVersion(name: string, spec: string, options: RegistryOptions): Promise<string | undefined> {
  const viewed = await run('npm', ['view', `${name}@${spec}`, 'version', '--json'], options);
  if (viewed.code !== 0) {
    if (/E404|404 Not Found|is not in this registry|No match found/i.test(viewed.stdout + viewed.stderr)) return undefined;
    throw new Error(`npm view ${name}@${spec} failed: ${(viewed.stderr || viewed.stdout).trim().split('\n')[0]}`);
  }
  if (viewed.stdout.trim() === '') return undefined;
  const version = JSON.parse(viewed.stdout) as string | string[];
  // A range matching several versions lists them all, oldest first.
  return Array.isArray(version) ? version.at(-1) : version;
}

/**
 * A published version's catalog, read from its tarball as npm fetches it (`npm pack`, so the
 * registry settings, scopes and tokens of the user's npm config apply), without installing it.
 */
export async function readPublishedCatalog(name: string, spec: string, options: RegistryOptions): Promise<PublishedCatalog | undefined> {
  const version = await publishedVersion(name, spec, options);
  if (version === undefined) return undefined;
  const folder = await mkdtemp(path.join(tmpdir(), 'patchbay-diff-'));
  try {
    const packed = await run('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', folder], options);
    if (packed.code !== 0) throw new Error(`npm pack ${name}@${version} failed: ${(packed.stderr || packed.stdout).trim().split('\n')[0]}`);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const extracted = await run('tar', ['-xzf', path.join(folder, path.basename(filename)), '-C', folder], options);
    if (extracted.code !== 0) throw new Error(`could not unpack ${filename}: ${extracted.stderr.trim()}`);
    const manifest = JSON.parse(await readFile(path.join(folder, 'package', 'package.json'), 'utf8')) as { patchbay?: { catalog?: string } };
    const catalogPath = manifest.patchbay?.catalog;
    if (!catalogPath) throw new Error(`${name}@${version} declares no patchbay.catalog`);
    const catalog = JSON.parse(await readFile(path.join(folder, 'package', catalogPath), 'utf8')) as ConnectorCatalog;
    return { version, catalog };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
