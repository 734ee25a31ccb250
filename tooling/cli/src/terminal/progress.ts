/** Progress of long work on a terminal; silent when stderr is not a TTY, in CI, or when asked (`--quiet`, `--json`). */
export interface Progress {
  update(label: string, done: number, total: number): void;
  done(message?: string): void;
}

export function createProgress(stream: NodeJS.WritableStream, options: { silent?: boolean } = {}): Progress {
  const interactive = !options.silent && (stream as { isTTY?: boolean }).isTTY === true && !process.env.CI;
  let lastWrite = 0;
  let shown = false;
  return {
    update(label, done, total) {
      const now = Date.now();
      // Redrawing the line for every item of a thousand-operation document would cost more than the work.
      if (!interactive || (now - lastWrite < 100 && done < total)) return;
      lastWrite = now;
      shown = true;
      stream.write(`\r${label} ${done}/${total} (${Math.floor((done / Math.max(total, 1)) * 100)}%)\u001b[K`);
    },
    done(message) {
      if (!interactive) return;
      if (shown) stream.write('\r\u001b[K');
      if (message) stream.write(`${message}\n`);
      shown = false;
    },
  };
}
