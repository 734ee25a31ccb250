/** How big a release a change needs, in semver terms; `none` for no change a caller can notice. */
export type ChangeLevel = 'none' | 'patch' | 'minor' | 'major';

const ORDER: Record<ChangeLevel, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** One difference between two catalogs of a connector, and the release it needs. */
export interface CatalogChange {
  level: Exclude<ChangeLevel, 'none'>;
  /** The operation it concerns, when it concerns one. */
  operation?: string;
  /** Where in the operation or catalog, as a JSON pointer (`/inputSchema/properties/size`). */
  pointer: string;
  message: string;
}

export function levelAtLeast(level: ChangeLevel, floor: ChangeLevel): boolean {
  return ORDER[level] >= ORDER[floor];
}

/** The release a set of changes needs: the largest of theirs. */
export function requiredLevel(changes: readonly CatalogChange[]): ChangeLevel {
  let level: ChangeLevel = 'none';
  for (const change of changes) if (ORDER[change.level] > ORDER[level]) level = change.level;
  return level;
}
