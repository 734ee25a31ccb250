import { fileURLToPath } from 'node:url';
import { runAgentSession } from './agent-session.js';

await runAgentSession({ appDirectory: fileURLToPath(new URL('..', import.meta.url)), write: (line) => process.stdout.write(`${line}\n`) });
