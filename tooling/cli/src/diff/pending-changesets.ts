import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

type Bump = 'major' | 'minor' | 'patch';
const RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 };

/**
 * The bump each package gets from the changesets waiting in `.changeset/` (the largest when
 * several name it), as `changeset version` would apply them. Empty after versioning.
 */
export async function pendingBumps(workspaceRoot: string): Promise<Map<string, Bump>> {
  const folder = path.join(workspaceRoot, '.changeset');
  const bumps = new Map<string, Bump>();
  const files = await readdir(folder).catch(() => [] as string[]);
  for (const file of files.filter((name) => name.endsWith('.md') && name !== 'README.md')) {
    const text = await readFile(path.join(folder, file), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    for (const match of front.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)) {
      const [, name, bump] = match as unknown as [string, string, Bump];
      const current = bumps.get(name);
      if (!current || RANK[bump] > RANK[current]) bumps.set(name, bump);
    }
  }
  return bumps;
}
