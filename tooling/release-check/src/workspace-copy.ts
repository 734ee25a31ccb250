import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command.js';

const gitIdentity = ['-c', 'user.name=Release Check', '-c', 'user.email=release-check@patchbay.invalid', '-c', 'commit.gpgsign=false'];

/**
 * Copies the workspace's source (tracked files and new files git does not ignore, so no
 * node_modules or dist) into `target` and commits it in a fresh git repository: versioning
 * rewrites package.json files and changelogs, and publishing adds git tags, so neither may run in
 * the real tree. `leaveOut` names package folders not to copy.
 */
export async function copyWorkspace(source: string, target: string, leaveOut: string[] = []): Promise<void> {
  const { stdout } = await runCommand('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: source });
  const skipped = ['tooling/release-check/registry', ...leaveOut].map((folder) => `${folder.replace(/\/+$/, '')}/`);
  const files = stdout.split('\0').filter((file) => file !== '' && !skipped.some((folder) => file.startsWith(folder)));
  const directories = new Set(files.map((file) => path.dirname(path.join(target, file))));
  await Promise.all([...directories].map((directory) => mkdir(directory, { recursive: true })));
  // A file listed by git but deleted in the working tree is simply not copied.
  await Promise.all(files.map((file) => copyFile(path.join(source, file), path.join(target, file)).catch(() => undefined)));
  await dropChangesetsNaming(target, await packageNames(source, leaveOut));
  await git(target, ['init', '-q', '-b', 'main']);
  await commitAll(target, 'Workspace as the release check found it');
}

export async function commitAll(directory: string, message: string): Promise<void> {
  await git(directory, ['add', '-A']);
  await git(directory, [...gitIdentity, 'commit', '-q', '--allow-empty', '-m', message]);
}

export async function git(directory: string, args: string[]): Promise<string> {
  return (await runCommand('git', args, { cwd: directory })).stdout;
}

async function packageNames(workspace: string, folders: string[]): Promise<string[]> {
  const names = await Promise.all(
    folders.map(async (folder) => {
      const text = await readFile(path.join(workspace, folder, 'package.json'), 'utf8').catch(() => '{}');
      return (JSON.parse(text) as { name?: string }).name;
    }),
  );
  return names.filter((name): name is string => name !== undefined);
}

/** A changeset naming a package that was left out would stop `changeset version`; it goes too. */
async function dropChangesetsNaming(workspace: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const folder = path.join(workspace, '.changeset');
  for (const file of await readdir(folder)) {
    if (!file.endsWith('.md')) continue;
    const text = await readFile(path.join(folder, file), 'utf8');
    if (names.some((name) => text.includes(`"${name}"`) || text.includes(`'${name}'`))) await rm(path.join(folder, file));
  }
}
