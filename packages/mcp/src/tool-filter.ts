/**
 * Matches `<connection>.<operation>` against glob patterns: `*` is any run of characters (dots
 * included), `?` one character. `github.issues.*` selects every issues operation of the
 * connection `github`.
 */
export function createToolFilter(include: readonly string[] | undefined, exclude: readonly string[] | undefined): (key: string) => boolean {
  const included = include === undefined || include.length === 0 ? undefined : include.map(globPattern);
  const excluded = (exclude ?? []).map(globPattern);
  return (key) => (included === undefined || included.some((pattern) => pattern.test(key))) && !excluded.some((pattern) => pattern.test(key));
}

function globPattern(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}
