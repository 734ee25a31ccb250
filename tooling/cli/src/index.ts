export { main } from './main.js';
export type { CliStreams } from './main.js';
// Kept for apps and scripts that imported them from the CLI before they moved to the kit.
export { renderReference, updateReadme } from '@patchbay/connector-kit';
// The made-up values of `patchbay record --missing`, for scripts that answer from a schema too.
export { sampleValue } from './scaffold/sample-value.js';
