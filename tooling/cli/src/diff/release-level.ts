import type { ChangeLevel } from './change-level.js';

type Bump = Exclude<ChangeLevel, 'none'>;

function parse(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`not a semver version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The version changesets writes for a bump. */
export function bumpVersion(version: string, bump: Bump): string {
  const [major, minor, patch] = parse(version);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * What going from the published version to the next one may carry, read the way a caret range
 * reads it: `^1.2.0` takes 1.3.0 but not 2.0.0, so 1.x → 2.0.0 may break callers. Below 1.0 a caret
 * range stops at the minor (`^0.1.0` takes 0.1.5, not 0.2.0), so 0.1 → 0.2 may break callers and
 * 0.1.0 → 0.1.1 may add features; `^0.0.1` takes nothing else, so any 0.0.x release may break.
 */
export function releaseLevel(published: string, next: string): ChangeLevel {
  const [major, minor, patch] = parse(published);
  const [nextMajor, nextMinor, nextPatch] = parse(next);
  if (major === nextMajor && minor === nextMinor && patch === nextPatch) return 'none';
  if (major !== nextMajor) return 'major';
  if (major === 0) return minor === 0 || minor !== nextMinor ? 'major' : 'minor';
  return minor !== nextMinor ? 'minor' : 'patch';
}
