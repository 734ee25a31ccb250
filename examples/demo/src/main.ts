import { fileURLToPath } from 'node:url';
import { runDemo } from './run-demo.js';
import { terminalStyle } from './terminal-style.js';

// The app directory is the one holding package.json, whose dependencies are the connectors.
const appDirectory = fileURLToPath(new URL('..', import.meta.url));

// When the reader goes away (`pnpm demo | head`), stop printing but still close everything.
let readerGone = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  readerGone = true;
});
const write = (line: string) => {
  if (!readerGone) process.stdout.write(`${line}\n`);
};

try {
  await runDemo({ appDirectory, write, style: terminalStyle(process.stdout) });
  write('\nDone: all connections, stand-ins and sockets closed.');
} catch (error) {
  process.stderr.write(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
