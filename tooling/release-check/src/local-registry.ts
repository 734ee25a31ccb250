// The registry setup lives in plain JavaScript beside verdaccio, so `pnpm release:local` runs it
// with node alone; the suite uses the same one.
export { ensureVerdaccio, freePort, startLocalRegistry } from '../registry/start-registry.mjs';
export type { LocalRegistry } from '../registry/start-registry.mjs';
