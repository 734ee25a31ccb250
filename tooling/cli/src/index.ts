export { main } from './main.js';
export type { CliStreams } from './main.js';
export { renderReference, updateReadme } from './readme-reference.js';
