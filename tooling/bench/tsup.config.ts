import { defineConfig } from 'tsup';

// Every entry lands at the top of dist/ (chunks too), so `new URL('./x.js', import.meta.url)`
// finds a sibling entry from any file. Each section is its own entry, run in its own process.
export default defineConfig({
  entry: {
    main: 'src/main.ts',
    throughput: 'src/sections/throughput.ts',
    discovery: 'src/sections/discovery.ts',
    'connection-memory': 'src/sections/connection-memory.ts',
    'rate-limit-fidelity': 'src/sections/rate-limit-fidelity.ts',
    typecheck: 'src/sections/typecheck.ts',
    'mcp-tools': 'src/sections/mcp-tools.ts',
    'openapi-scale': 'src/sections/openapi-scale.ts',
    'redis-rate-limit': 'src/sections/redis-rate-limit.ts',
    'queue-workers': 'src/sections/queue-workers.ts',
    'json-server-process': 'src/json-server-process.ts',
  },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
});
